"""The example site that ``make run`` serves: it passes its system checks,
and ``seed_demo`` builds the demo live blog once, however often it runs.

The site runs in one ``example_site/manage.py shell`` subprocess, against a
SQLite file and a media folder in a temporary directory (``EXAMPLE_SITE_DB``,
``EXAMPLE_SITE_MEDIA``), so the suite never imports the example site and
never touches its real database (``seed_demo --migrate`` migrates it, as
``make run`` does). Migrating a fresh Wagtail database is most
of the module's cost (about 15 s of CPU).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
MANAGE = REPO / "example_site" / "manage.py"
PORT = "8765"

# Run inside the example site by `manage.py shell` (one process keeps the
# module fast): check, migrate and seed, seed again, and report what the database and
# a reader see after each seeding, as JSON on the last line.
SCRIPT = """
import io, json, re
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_liveblog.models import LiveBlogPage, LiveBlogUpdate


def facts():
    blogs = LiveBlogPage.objects.live()
    blog = blogs.get(slug="storm-ingrid-live")
    entries = LiveBlogUpdate.objects.filter(blog=blog, live=True)
    client = Client()
    home = client.get("/")
    page = client.get(blog.url)
    html = page.content.decode()
    admins = get_user_model().objects.filter(username="admin", is_superuser=True)
    return {
        "blogs": blogs.count(),
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "admins": admins.count(),
        "updates": entries.count(),
        "pinned": entries.filter(pinned=True).count(),
        "key_events": entries.filter(key_event=True).count(),
        "authors": entries.values("authors__name").distinct().count(),
        "status": blog.status,
        "home_status": home.status_code,
        "home_links_blog": f'href="{blog.url}"' in home.content.decode(),
        "blog_status": page.status_code,
        "articles": len(re.findall(r'<article id="update-', html)),
        "load_more": "Load more updates" in html,
        "credits": len(re.findall(r"Credit: ", html)),
        "quotes": html.count("<blockquote"),
        "page_revisions": blog.revisions.count(),
        "update_revisions": sum(1 for u in entries if u.live_revision_id),
    }


def seed(args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


# Whether the API token an output printed (Wagtail 8) authenticates.
def token_works(output):
    from django.apps import apps

    if not apps.is_installed("wagtail.api.v3"):
        return None
    from wagtail.models import APIToken

    token = re.search(r"API token:\\s+(wagtail_\\w+)", output).group(1)
    hashes = APIToken.candidate_key_hashes(token)
    return APIToken.objects.filter(
        key_hash__in=hashes, revoked_at=None, user__username="admin"
    ).exists()


call_command("check", fail_level="WARNING")
result = {"first_output": seed(["--migrate"]), "first": facts()}
result["second_output"] = seed([])
result["second"] = facts()
result["tokens"] = [token_works(result[k]) for k in ("first_output", "second_output")]
print(json.dumps(result))
"""


def manage(*args: str, tmp: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "EXAMPLE_SITE_DB": str(tmp / "db.sqlite3"),
        "EXAMPLE_SITE_MEDIA": str(tmp / "media"),
        "PORT": PORT,
    }
    # pytest-django exports the test settings; the site must use its own.
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, (
        f"manage.py {' '.join(args)} failed:\n{result.stderr}"
    )
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("example_site")
    output = manage("shell", "-c", SCRIPT, tmp=tmp).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_seed_demo_prints_where_to_go(site):
    output = site["first_output"]
    assert f"http://127.0.0.1:{PORT}/storm-ingrid-live/" in output
    assert f"http://127.0.0.1:{PORT}/admin/" in output
    assert "admin / liveblog-demo" in output


def test_seed_demo_builds_a_live_blog_with_a_story(site):
    facts = site["first"]
    assert facts["status"] == "live"
    assert facts["updates"] >= 60
    assert facts["pinned"] == 1
    assert facts["key_events"] >= 6
    assert facts["authors"] >= 3
    assert facts["admins"] == 1
    # Loaded through import_updates: each update has its own history, and
    # the page's revisions carry none of them.
    assert facts["update_revisions"] == facts["updates"]
    assert facts["page_revisions"] == 1


def test_home_page_links_the_blog_which_shows_a_first_window(site):
    facts = site["first"]
    assert facts["home_status"] == 200
    assert facts["home_links_blog"]
    assert facts["blog_status"] == 200
    assert facts["articles"] == 20  # PAGE_SIZE; the pinned copy has its own id
    assert facts["load_more"]
    assert facts["credits"] >= 1
    assert facts["quotes"] >= 1


def test_seed_demo_prints_a_working_api_token_new_each_run(site):
    if site["tokens"] == [None, None]:
        pytest.skip("API v3 needs Wagtail 8")
    # The first run's token is replaced by the second's.
    assert site["tokens"] == [False, True]
    assert "Idempotency-Key: demo-$(date +%s)" in site["second_output"]
    assert f"http://127.0.0.1:{PORT}/api/v3/liveblogs/" in site["second_output"]


def test_seed_demo_twice_adds_nothing(site):
    assert "already exists" in site["second_output"]
    for key in ("blogs", "pages", "images", "admins", "updates"):
        assert site["second"][key] == site["first"][key], key
