"""The reader script's poll route (``<page url>poll/``) and the reader routes'
HTTP behaviour: strict ``since``, ETags that cover the poll interval, and the
same caching headers as the API; what each change to an update tells the
readers' pages at their next poll."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.factories import editor, numbered_updates, post, publish
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version

pytestmark = pytest.mark.django_db

# The key order of an update in every output (readmodel/serialize.UPDATE_KEYS).
UPDATE_KEYS = [
    "id",
    "url",
    "headline",
    "posted_at",
    "updated_at",
    "pinned",
    "key_event",
    "author",
    "authors",
    "body",
]


@pytest.fixture
def blog3(blog):
    return publish(blog, numbered_updates(3))


@pytest.mark.parametrize(
    "value",
    [
        "9" * 5000,  # int() refuses more than 4,300 digits
        "1" + "0" * 30,
        " 1",
        "1 ",
        "+1",
        "%D9%A1",  # ARABIC-INDIC DIGIT ONE
        "%EF%BC%91",  # FULLWIDTH DIGIT ONE
        "1.0",
        "-0",
        "",
    ],
)
def test_poll_since_is_as_strict_as_the_api(blog3, client, value):
    for url in (
        f"{blog3.url}poll/?since={value}",
        f"/api/v2/liveblogs/{blog3.pk}/updates/?since={value}",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.json()["parameter"] == "since"
        assert response["Cache-Control"] == "no-store"


def test_poll_since_accepts_every_version_up_to_the_current_one(blog3, client):
    version = current_version(blog3.pk)
    assert version > 0
    for since in range(version + 1):
        assert client.get(f"{blog3.url}poll/?since={since}").status_code == 200
    response = client.get(f"{blog3.url}poll/?since={version + 1}")
    assert response.status_code == 400
    assert response.json() == {
        "message": f"must be a version between 0 and {version}",
        "parameter": "since",
    }
    assert client.get(f"{blog3.url}poll/").json() == {
        "message": "is required",
        "parameter": "since",
    }


def test_a_changed_poll_interval_reaches_clients_holding_an_etag(blog3, client):
    url = f"{blog3.url}poll/?since={current_version(blog3.pk)}"
    first = client.get(url)
    assert first.json()["meta"]["poll_interval"] == 10
    etag = first["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    with override_settings(WAGTAIL_LIVEBLOG={"POLL_INTERVAL": 60}):
        again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again.json()["meta"]["poll_interval"] == 60
    assert again["ETag"] != etag


@pytest.mark.parametrize("route", ["poll/?since=0", "feed/", "updates/?before="])
def test_reader_routes_send_the_api_caching_headers(blog3, client, route):
    if route.endswith("before="):
        route += client.get(f"/api/v2/liveblogs/{blog3.pk}/updates/?limit=1").json()[
            "items"
        ][0]["id"]
    response = client.get(f"{blog3.url}{route}")
    assert response.status_code == 200
    assert response["Vary"] == "Accept-Encoding"
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=5"}
    if "ETag" in response:
        cached = client.get(
            f"{blog3.url}{route}", headers={"if-none-match": response["ETag"]}
        )
        assert cached.status_code == 304
        assert cached["Vary"] == "Accept-Encoding"
        assert cached["Cache-Control"] == response["Cache-Control"]


# -- what the next poll says --------------------------------------------------


def poll(client, page, since: int) -> dict:
    response = client.get(f"{page.url}poll/?since={since}")
    assert response.status_code == 200
    return response.json()


def ids(payload: dict) -> list[str]:
    return [item["id"] for item in payload["items"]]


def test_a_new_update_arrives_with_its_html(blog3, client):
    since = current_version(blog3.pk)
    new_id = post(blog3, "Dam holds", author="Ana Reyes")
    payload = poll(client, blog3, since)
    assert payload["meta"]["version"] == current_version(blog3.pk) > since
    assert ids(payload) == [new_id]
    assert payload["deleted"] == []
    item = payload["items"][0]
    assert set(item) == {*UPDATE_KEYS, "html"}
    assert item["headline"] == "Dam holds"
    assert item["url"] == f"http://localhost{blog3.url}?update={new_id}#update-{new_id}"
    assert "Dam holds" in item["html"] and "By Ana Reyes" in item["html"]


def test_poll_items_have_the_api_key_order(blog3, client):
    """The key order of the API's update (``readmodel/serialize.UPDATE_KEYS``),
    then ``html``."""
    since = current_version(blog3.pk)
    post(blog3, "Dam holds")
    item = poll(client, blog3, since)["items"][0]
    assert list(item) == [*UPDATE_KEYS, "html"]


def test_an_edit_arrives_in_place(blog3, client):
    target = LiveBlogUpdate.objects.filter(blog_id=blog3.pk).first()
    since = current_version(blog3.pk)
    editing.edit_update(blog3, target.pk, user=editor(), headline="Corrected")
    payload = poll(client, blog3, since)
    assert ids(payload) == [str(target.pk)]
    assert payload["items"][0]["headline"] == "Corrected"
    assert payload["items"][0]["updated_at"] is not None
    assert "Corrected" in payload["items"][0]["html"]


def test_drafts_and_scheduled_updates_never_reach_the_poll(blog3, client):
    """Saving a draft or scheduling an update changes nothing readers see:
    the version stays, so every reader's cached answer (304) stays good."""
    since = current_version(blog3.pk)
    url = f"{blog3.url}poll/?since={since}"
    etag = client.get(url)["ETag"]
    post(blog3, "Draft", publish=False)
    post(blog3, "Later", go_live_at=timezone.now() + timedelta(hours=1))
    target = LiveBlogUpdate.objects.filter(blog_id=blog3.pk, live=True).first()
    editing.edit_update(
        blog3, target.pk, user=editor(), headline="Draft edit", publish=False
    )
    assert current_version(blog3.pk) == since
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    payload = poll(client, blog3, 0)
    assert "Draft" not in str(payload) and "Later" not in str(payload)


def test_a_scheduled_update_arrives_when_it_goes_live(blog3, client):
    later_id = post(
        blog3, "Polls close", go_live_at=timezone.now() + timedelta(seconds=1)
    )
    since = current_version(blog3.pk)
    call_command("publish_scheduled")
    assert poll(client, blog3, since)["items"] == []
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        call_command("publish_scheduled")
    payload = poll(client, blog3, since)
    assert ids(payload) == [later_id]
    assert payload["items"][0]["headline"] == "Polls close"


def test_an_unpublished_update_is_deleted_and_a_republished_one_comes_back(
    blog3, client
):
    target = LiveBlogUpdate.objects.filter(blog_id=blog3.pk).first()
    since = current_version(blog3.pk)
    target.unpublish()
    gone = poll(client, blog3, since)
    assert gone["items"] == []
    assert gone["deleted"] == [str(target.pk)]

    target = LiveBlogUpdate.objects.get(pk=target.pk)
    target.get_latest_revision().publish(user=editor())
    back = poll(client, blog3, gone["meta"]["version"])
    assert ids(back) == [str(target.pk)]
    assert back["deleted"] == []
    # A reader who missed both changes just keeps the update.
    both = poll(client, blog3, since)
    assert ids(both) == [str(target.pk)]
    assert both["deleted"] == []


def test_a_deleted_update_is_deleted_at_the_next_poll(blog3, client):
    target = LiveBlogUpdate.objects.filter(blog_id=blog3.pk).first()
    since = current_version(blog3.pk)
    editing.remove_update(blog3, target.pk, user=editor())
    payload = poll(client, blog3, since)
    assert payload["items"] == []
    assert payload["deleted"] == [str(target.pk)]
    assert str(target.pk) not in ids(poll(client, blog3, 0))


def test_a_reader_far_behind_is_told_to_reset(blog3, client, settings):
    settings.WAGTAIL_LIVEBLOG = {"MAX_PAGE_SIZE": 20}
    since = current_version(blog3.pk)
    publish(blog3, numbered_updates(25))
    payload = poll(client, blog3, since)
    assert payload["meta"]["reset"] is True
    assert payload["items"] == [] and payload["deleted"] == []
