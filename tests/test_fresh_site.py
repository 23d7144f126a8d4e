"""A brand-new ``wagtail start`` site with the package installed, as a new
user would have it: SQLite with Django's default settings (no
``transaction_mode``, the default busy timeout), nothing tuned.

In that site: ten reporters posting at the same moment all succeed and are
all in the API; a draft is in no API response; a scheduled update goes
live with ``publish_scheduled``; a post makes no page revision; importing
5,000 updates keeps their ids and order.

Slow (``wagtail start``, migrating a fresh database, a subprocess):
marked ``slow``; ``.ci/run`` runs it.
"""

from __future__ import annotations

import pytest

from tests.fresh_site import API_V2_APPS, API_V2_URLS, manage_shell, new_site, printed

pytestmark = pytest.mark.slow

SCRIPT = r"""
import json, threading, time, uuid
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, Revision, Site
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogPage

chief = get_user_model().objects.create_superuser("chief", "c@example.com", "pw")
home = Site.objects.get(is_default_site=True).root_page
blog = home.add_child(instance=LiveBlogPage(title="Storm", slug="storm"))
blog.save_revision(user=chief).publish(user=chief)
page_revisions = Revision.objects.for_instance(blog).count()
client = Client()
api = f"/api/v2/liveblogs/{blog.pk}"
facts = {}

# Ten reporters at the same moment.
barrier = threading.Barrier(10)
posted, errors = [], []
def reporter(n):
    try:
        barrier.wait(timeout=30)
        posted.append(editing.post_update(blog, user=chief, headline=f"Reporter {n}"))
    except BaseException as error:
        errors.append(repr(error))
    finally:
        connections.close_all()
threads = [threading.Thread(target=reporter, args=(n,)) for n in range(10)]
for thread in threads: thread.start()
for thread in threads: thread.join()
listed = client.get(f"{api}/updates/?limit=50").json()["items"]
facts["errors"] = errors
facts["posted"] = len(posted)
facts["in_api"] = len(set(posted) & {item["id"] for item in listed})

# A draft is in no API response.
before = client.get(f"{api}/").json()["version"]
draft = editing.post_update(blog, user=chief, headline="Secret draft", publish=False)
bodies = [
    client.get(f"{api}/").content,
    client.get(f"{api}/updates/").content,
    client.get(f"{api}/updates/?since=0").content,
    client.get(f"/api/v2/pages/{blog.pk}/").content,
    client.get(blog.url).content,
]
facts["draft_shown"] = any(b"Secret draft" in body for body in bodies)
facts["draft_detail"] = client.get(f"{api}/updates/{draft}/").status_code

# A scheduled update goes live with publish_scheduled.
version = client.get(f"{api}/").json()["version"]
scheduled = editing.post_update(
    blog, user=chief, headline="Embargo lifted",
    go_live_at=timezone.now() + timedelta(seconds=3),
)
facts["scheduled_early"] = b"Embargo lifted" in client.get(blog.url).content
time.sleep(3.5)
call_command("publish_scheduled", verbosity=0)
since = client.get(f"{api}/updates/?since={version}").json()
facts["scheduled_in_since"] = [item["id"] for item in since["items"]] == [scheduled]
facts["scheduled_on_page"] = b"Embargo lifted" in client.get(blog.url).content

# No page revision per post.
facts["page_revisions_added"] = Revision.objects.for_instance(blog).count() - page_revisions

# Import 5,000 updates, keeping ids and order.
given = [
    {"id": str(uuid.uuid4()), "headline": f"Wire {n}",
     "posted_at": timezone.now() - timedelta(days=1) + timedelta(seconds=n)}
    for n in range(5000)
]
started = time.monotonic()
ids = editing.import_updates(blog, user=chief, updates=given)
facts["import_seconds"] = round(time.monotonic() - started, 1)
facts["import_ids_kept"] = ids == [item["id"] for item in given]
walked, url = [], f"{api}/updates/?limit=100&before={scheduled}"
while url:
    data = client.get(url).json()
    walked += [item["id"] for item in data["items"] if item["headline"].startswith("Wire")]
    url = data["meta"]["next"]
facts["import_order_kept"] = walked == list(reversed(ids))
print("FACTS " + json.dumps(facts))
"""


@pytest.fixture(scope="module")
def fresh_site(tmp_path_factory):
    where = tmp_path_factory.mktemp("fresh")
    env = new_site(where, apps=API_V2_APPS, urls=API_V2_URLS)
    return where, env


def test_a_new_wagtail_site_with_default_sqlite_settings(fresh_site):
    where, env = fresh_site
    facts = printed(manage_shell(where, env, SCRIPT), "FACTS")
    assert facts["errors"] == []
    assert facts["posted"] == 10 and facts["in_api"] == 10
    assert facts["draft_shown"] is False and facts["draft_detail"] == 404
    assert facts["scheduled_early"] is False
    assert facts["scheduled_in_since"] and facts["scheduled_on_page"]
    assert facts["page_revisions_added"] == 0
    assert facts["import_ids_kept"] and facts["import_order_kept"]
