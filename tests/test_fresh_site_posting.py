"""Posting from anywhere in a brand-new ``wagtail start`` site (Wagtail 8),
set up as docs/posting.md says: the ``liveblogs`` router on Wagtail's API
v3, API v2 for readers, and the chat ingest app with a Slack connection.

Through the site's own URLs (Django's test client in its ``manage.py
shell``): an editor's token posts an update that is on the page and in API
v2 ``since=``; the same POST with the same ``Idempotency-Key`` adds
nothing; no token is a 401; a token of a user without permission on the
blog posts nothing; PATCH changes the headline; DELETE puts the id in
``deleted``. A Slack event with a correct signature posts; the same event
with a wrong signature is refused and posts nothing.

Slow (it shares the run's new site, ``docs_site``); skipped on Wagtail
7.4, which has no API v3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fresh_site import SLACK_SECRET, has_api_v3, manage_shell, printed

pytestmark = pytest.mark.slow

PAYLOADS = Path(__file__).parent / "ingest_payloads"

SCRIPT = r"""
import hashlib, hmac, json, time
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import APIToken, GroupPagePermission, Site
from wagtail_liveblog.ingest.models import ChatConnection
from wagtail_liveblog.models import LiveBlogPage, LiveBlogUpdate

User = get_user_model()
home = Site.objects.get(is_default_site=True).root_page
blog = home.add_child(instance=LiveBlogPage(title="Storm", slug="storm"))
other = home.add_child(instance=LiveBlogPage(title="Election", slug="election"))
chief = User.objects.create_superuser("chief", "c@example.com", "pw")
for page in (blog, other):
    page.save_revision(user=chief).publish(user=chief)

def person(name, page, *codenames):
    user = User.objects.create_user(name, f"{name}@example.com", "pw")
    group = Group.objects.create(name=f"{name} group")
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename),
        )
    user.groups.add(group)
    return user

editor = person("editor", blog, "add_page", "change_page", "publish_page")
outsider = person("outsider", other, "add_page", "change_page", "publish_page")
editor_token = APIToken.create_token(user=editor, name="desk")[1]
outsider_token = APIToken.create_token(user=outsider, name="other desk")[1]

client = Client()
updates_url = f"/api/v3/liveblogs/{blog.pk}/updates/"
facts = {}

def v3(method, url, data=None, token=None, **headers):
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = getattr(client, method)(
        url, data=json.dumps(data) if data is not None else None,
        content_type="application/json", headers=headers)
    return response.status_code, (response.json() if response.content else None)

def rows():
    return LiveBlogUpdate.objects.filter(blog=blog).count()

version = client.get(f"/api/v2/liveblogs/{blog.pk}/").json()["version"]
post = {"headline": "Levee holds", "body": [{"type": "text", "value": "<p>For now.</p>"}]}
status, created = v3("post", updates_url, post, editor_token, **{"Idempotency-Key": "k-1"})
facts["post_status"] = status
update_id = created["id"]
facts["on_page"] = update_id in client.get(blog.url).content.decode()
since = client.get(f"/api/v2/liveblogs/{blog.pk}/updates/?since={version}").json()
facts["in_since"] = [item["id"] for item in since["items"]] == [update_id]
status, again = v3("post", updates_url, post, editor_token, **{"Idempotency-Key": "k-1"})
facts["retry"] = [status, again["id"] == update_id, rows()]
before = rows()
facts["no_token"] = [v3("post", updates_url, post)[0], rows() - before]
facts["outsider"] = [v3("post", updates_url, post, outsider_token)[0], rows() - before]
status, patched = v3("patch", f"{updates_url}{update_id}/", {"headline": "Levee breached"}, editor_token)
facts["patch"] = [status, patched["headline"]]
version = client.get(f"/api/v2/liveblogs/{blog.pk}/").json()["version"]
facts["delete_status"] = v3("delete", f"{updates_url}{update_id}/", token=editor_token)[0]
since = client.get(f"/api/v2/liveblogs/{blog.pk}/updates/?since={version}").json()
facts["deleted"] = since["deleted"] == [update_id]

# Slack: an editor connects a channel to the blog.
ChatConnection.objects.create(
    name="Storm desk", service="slack", channel="C0123LIVE", blog=blog, user=editor)
body = open(PAYLOAD, "rb").read()

def slack(secret):
    stamp = str(int(time.time()))
    signature = hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body,
                         hashlib.sha256).hexdigest()
    return client.post("/liveblog-ingest/slack/events/", data=body,
                       content_type="application/json",
                       headers={"X-Slack-Request-Timestamp": stamp,
                                "X-Slack-Signature": f"v0={signature}"}).status_code

before = rows()
facts["forged"] = [slack("not-the-secret"), rows() - before]
facts["signed"] = [slack(SECRET), rows() - before]
print("FACTS " + json.dumps(facts))
"""


def test_posting_from_the_api_and_slack_in_a_new_site(docs_site):
    if not has_api_v3():
        pytest.skip("API v3 needs Wagtail 8")
    where, env = docs_site
    script = (
        f"PAYLOAD = {str(PAYLOADS / 'slack_message.json')!r}\n"
        f"SECRET = {SLACK_SECRET!r}\n" + SCRIPT
    )
    facts = printed(manage_shell(where, env, script), "FACTS")
    assert facts["post_status"] == 201
    assert facts["on_page"] and facts["in_since"]
    assert facts["retry"] == [201, True, 1]  # the first result, nothing new
    assert facts["no_token"] == [401, 0]
    assert facts["outsider"] == [403, 0]  # a public blog: no permission
    assert facts["patch"] == [200, "Levee breached"]
    assert facts["delete_status"] == 204 and facts["deleted"]
    assert facts["forged"] == [403, 0]
    assert facts["signed"] == [200, 1]
