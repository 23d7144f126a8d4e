"""The ``liveblogs`` endpoint: routes, exact payloads, paging, ETags, caching,
and what it shows of updates' life cycle (drafts, schedules, unpublishing,
deletion, imports) and of aliases."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.api_support import (
    API,
    NOT_FOUND,
    all_routes,
    edit,
    everything_served,
    get,
    headlines,
    ids,
    permalink,
    remove,
    row,
    update_ids,
    version,
)
from tests.factories import (
    BASE_TIME,
    ElectionNightPageFactory,
    editor,
    numbered_updates,
    post,
    publish,
    quote,
    text,
    update,
)
from wagtail_liveblog import editing

pytestmark = pytest.mark.django_db


def body_text(html: str, block_id: str) -> dict:
    return {"type": "text", "id": block_id, "value": html}


SECOND = update(
    "Second",
    [text("<p>Roads closed.</p>")],
    posted_at=BASE_TIME + timedelta(minutes=2),
    key_event=True,
    author="Ana Reporter",
)
FIRST = update(
    "First",
    [quote("Stay indoors.", "Mayor")],
    posted_at=BASE_TIME + timedelta(minutes=1),
    pinned=True,
)


@pytest.fixture
def small_blog(blog):
    """Second (a key event, by Ana Reporter) over First (pinned, a quote)."""
    return publish(blog, [SECOND, FIRST])


def test_blog_detail_exact_payload(small_blog, client):
    second, first = SECOND["id"], FIRST["id"]
    page_url = small_blog.get_full_url()
    response = client.get(f"{API}/{small_blog.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    first_json = {
        "id": first,
        "url": permalink(page_url, first),
        "headline": "First",
        "posted_at": "2026-03-14T09:01:00Z",
        "updated_at": None,
        "pinned": True,
        "key_event": False,
        # No byline given: the name of the editor who posted it.
        "author": "test-editor",
        "authors": [{"name": "test-editor"}],
        "body": [
            {
                "type": "quote",
                "id": FIRST["value"]["body"][0]["id"],
                "value": {"text": "Stay indoors.", "attribution": "Mayor"},
            }
        ],
    }
    second_json = {
        "id": second,
        "url": permalink(page_url, second),
        "headline": "Second",
        "posted_at": "2026-03-14T09:02:00Z",
        "updated_at": None,
        "pinned": False,
        "key_event": True,
        "author": "Ana Reporter",
        "authors": [{"name": "Ana Reporter"}],
        "body": [body_text("<p>Roads closed.</p>", SECOND["value"]["body"][0]["id"])],
    }
    assert response.json() == {
        "id": small_blog.pk,
        "title": small_blog.title,
        "url": page_url,
        "intro": "<p>Follow the storm as it happens.</p>",
        "summary": "",
        "status": "live",
        "coverage_start": None,
        "coverage_end": None,
        "version": version(small_blog),
        "poll_interval": 10,
        "updates_url": f"http://testserver{API}/{small_blog.pk}/updates/",
        "pinned": [first_json],
        "key_events": [
            {
                "id": second,
                "url": permalink(page_url, second),
                "headline": "Second",
                "posted_at": "2026-03-14T09:02:00Z",
            }
        ],
        "updates": [second_json, first_json],
        "next": None,
        "meta": {"events_url": None},  # no event stream configured
    }
    assert version(small_blog) > 0


def test_summary_is_served_and_its_change_reaches_clients(small_blog, client):
    url = f"{API}/{small_blog.pk}/"
    before = client.get(url)
    old_version = before.json()["version"]
    small_blog.summary = "<ul><li>Roads closed</li><li>Schools shut</li></ul>"
    publish(small_blog)
    after = client.get(url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    data = after.json()
    assert data["summary"] == "<ul><li>Roads closed</li><li>Schools shut</li></ul>"
    # Publishing the page bumps the version: pollers learn to look again.
    assert data["version"] > old_version
    changes = client.get(f"{API}/{small_blog.pk}/updates/?since={old_version}")
    assert changes.json()["meta"]["version"] == data["version"]


def test_one_update_equals_its_list_item(small_blog, client):
    listed = client.get(f"{API}/{small_blog.pk}/updates/").json()["items"]
    assert ids(listed) == [SECOND["id"], FIRST["id"]]
    for item in listed:
        response = client.get(f"{API}/{small_blog.pk}/updates/{item['id']}/")
        assert response.status_code == 200
        assert response.json() == item
        assert response["ETag"]


def test_one_update_unknown_or_malformed_id_is_404(small_blog, client):
    for update_id in ["0b3c1b7e-0000-4000-8000-000000000000", "nope", "123"]:
        response = client.get(f"{API}/{small_blog.pk}/updates/{update_id}/")
        assert response.status_code == 404
        assert response.json() == NOT_FOUND


def test_an_update_of_another_blog_is_404(small_blog, home, client):
    other = publish(ElectionNightPageFactory(parent=home), numbered_updates(1))
    [other_id] = update_ids(other)
    response = client.get(f"{API}/{small_blog.pk}/updates/{other_id}/")
    assert response.status_code == 404
    assert client.get(f"{API}/{other.pk}/updates/{other_id}/").status_code == 200


def test_removed_update_is_404(small_blog, client):
    remove(small_blog, FIRST["id"])
    response = client.get(f"{API}/{small_blog.pk}/updates/{FIRST['id']}/")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_status_and_coverage_times(blog, client):
    blog.coverage_start = BASE_TIME
    blog.coverage_end = BASE_TIME + timedelta(hours=5)
    publish(blog, numbered_updates(1))
    data = client.get(f"{API}/{blog.pk}/").json()
    assert data["status"] == "ended"
    assert data["coverage_start"] == "2026-03-14T09:00:00Z"
    assert data["coverage_end"] == "2026-03-14T14:00:00Z"


def test_updates_pages_newest_first_until_next_is_null(blog, client):
    publish(blog, numbered_updates(25))
    response = client.get(f"{API}/{blog.pk}/updates/?limit=10")
    data = response.json()
    assert set(data) == {"meta", "items"}
    assert headlines(data["items"]) == [f"Update {n}" for n in range(25, 15, -1)]
    assert data["meta"] == {
        "version": version(blog),
        "status": "live",
        "poll_interval": 10,
        "next": f"http://testserver{API}/{blog.pk}/updates/"
        f"?before={data['items'][-1]['id']}&limit=10",
        "events_url": None,
    }
    second = get(client, data["meta"]["next"]).json()
    assert headlines(second["items"]) == [f"Update {n}" for n in range(15, 5, -1)]
    third = get(client, second["meta"]["next"]).json()
    assert headlines(third["items"]) == [f"Update {n}" for n in range(5, 0, -1)]
    assert third["meta"]["next"] is None


def test_updates_default_page_size_and_detail_next(blog, client):
    publish(blog, numbered_updates(21))
    data = client.get(f"{API}/{blog.pk}/updates/").json()
    assert len(data["items"]) == 20
    assert data["meta"]["next"] == (
        f"http://testserver{API}/{blog.pk}/updates/?before={data['items'][-1]['id']}"
    )
    detail = client.get(f"{API}/{blog.pk}/").json()
    assert ids(detail["updates"]) == ids(data["items"])
    assert detail["next"] == data["meta"]["next"]
    rest = get(client, detail["next"]).json()
    assert headlines(rest["items"]) == ["Update 1"]


def test_before_a_removed_update_still_pages(blog, client):
    publish(blog, numbered_updates(5))
    cursor = update_ids(blog)[2]  # Update 3
    remove(blog, cursor)
    data = client.get(f"{API}/{blog.pk}/updates/?before={cursor}").json()
    assert headlines(data["items"]) == ["Update 2", "Update 1"]


@override_settings(WAGTAIL_LIVEBLOG={"PAGE_SIZE": 3, "POLL_INTERVAL": 30})
def test_settings_drive_page_size_and_poll_interval(blog, client):
    publish(blog, numbered_updates(5))
    data = client.get(f"{API}/{blog.pk}/updates/").json()
    assert len(data["items"]) == 3
    assert data["meta"]["poll_interval"] == 30
    assert client.get(f"{API}/{blog.pk}/").json()["poll_interval"] == 30


# -- since ------------------------------------------------------------------


def changes(client, blog, query: str) -> dict:
    response = client.get(f"{API}/{blog.pk}/updates/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_since_reports_creations_edits_and_removals_once(blog, client):
    publish(blog, numbered_updates(3))
    v1 = version(blog)
    three, two, one = update_ids(blog)
    first = changes(client, blog, "since=0")
    assert set(first) == {"meta", "items", "deleted"}
    assert sorted(headlines(first["items"])) == ["Update 1", "Update 2", "Update 3"]
    assert first["deleted"] == []
    assert first["meta"] == {
        "version": v1,
        "status": "live",
        "poll_interval": 10,
        "next": None,
        "events_url": None,
    }

    edit(blog, two, headline="Update 2, corrected")
    remove(blog, one)
    v2 = version(blog)
    assert v2 > v1
    second = changes(client, blog, f"since={v1}")
    assert headlines(second["items"]) == ["Update 2, corrected"]
    assert second["items"][0]["updated_at"] is not None
    assert second["deleted"] == [one]
    assert second["meta"]["version"] == v2

    four = post(blog, "Update 4")
    v3 = version(blog)
    third = changes(client, blog, f"since={v1}")
    assert headlines(third["items"]) == ["Update 2, corrected", "Update 4"]
    assert ids(third["items"])[1] == four
    assert third["deleted"] == [one]
    assert changes(client, blog, f"since={v2}")["items"] == third["items"][1:]
    assert changes(client, blog, f"since={v3}") == {
        "meta": {
            "version": v3,
            "status": "live",
            "poll_interval": 10,
            "next": None,
            "events_url": None,
        },
        "items": [],
        "deleted": [],
    }


def test_since_pages_through_many_changes_each_once_in_order(blog, client):
    publish(blog, numbered_updates(5))  # one version: five creations
    five, _, _, _, one = update_ids(blog)
    edit(blog, five, headline="Update 5, corrected")
    remove(blog, one)
    post(blog, "Update 6")
    seen_items, seen_deleted, pages = [], [], 0
    url = f"{API}/{blog.pk}/updates/?since=0&limit=2"
    while url:
        data = get(client, url).json()
        pages += 1
        assert len(data["items"]) + len(data["deleted"]) <= 2
        assert data["meta"]["version"] == version(blog)
        seen_items += data["items"]
        seen_deleted += data["deleted"]
        url = data["meta"]["next"]
    # Update 1 was created then removed: reported once, as removed.
    assert seen_deleted == [one]
    found = headlines(seen_items)
    assert len(found) == len(set(found)) == 5
    assert found[-2:] == ["Update 5, corrected", "Update 6"]
    assert set(found[:3]) == {"Update 2", "Update 3", "Update 4"}
    assert pages == 3


def test_since_next_link_carries_cursor_and_limit(blog, client):
    publish(blog, numbered_updates(3))
    data = changes(client, blog, "since=0&limit=2")
    last = data["items"][-1]["id"]
    # The three were imported together: the cursor is that version and the
    # last id reported.
    assert data["meta"]["next"] == (
        f"http://testserver{API}/{blog.pk}/updates/"
        f"?since={version(blog)}&after={last}&limit=2"
    )
    rest = get(client, data["meta"]["next"]).json()
    assert len(rest["items"]) == 1
    assert set(ids(data["items"] + rest["items"])) == set(update_ids(blog))
    assert rest["meta"]["next"] is None


@override_settings(WAGTAIL_LIVEBLOG={"MAX_PAGE_SIZE": 4})
def test_since_defaults_to_max_page_size(blog, client):
    publish(blog, numbered_updates(6))
    data = changes(client, blog, "since=0")
    assert len(data["items"]) == 4
    assert data["meta"]["next"] is not None


def test_imported_updates_page_through_since_and_after(blog, client):
    """250 updates imported at once share one version; ``since`` clients
    page through them with ``after``, each exactly once, and the newest-first
    list pages through them with ``before``."""
    publish(blog)
    start = version(blog)
    imported = editing.import_updates(
        blog,
        user=editor(),
        updates=[
            {
                "headline": f"Imported {n}",
                "body": [{"type": "text", "value": f"<p>Wire item {n}</p>"}],
                "posted_at": BASE_TIME + timedelta(minutes=n),
            }
            for n in range(250)
        ],
    )
    assert version(blog) == start + 1
    seen, pages = [], 0
    url = f"{API}/{blog.pk}/updates/?since={start}"
    while url:
        data = get(client, url).json()
        pages += 1
        assert data["deleted"] == []
        assert data["meta"]["version"] == start + 1
        seen += ids(data["items"])
        url = data["meta"]["next"]
        if url:
            assert f"since={start + 1}&after={seen[-1]}" in url
    assert pages == 3  # MAX_PAGE_SIZE (100) per response
    assert len(seen) == len(set(seen)) == 250
    assert set(seen) == set(imported)

    newest_first, url = [], f"{API}/{blog.pk}/updates/?limit=100"
    while url:
        data = get(client, url).json()
        newest_first += ids(data["items"])
        url = data["meta"]["next"]
    assert newest_first == list(reversed(imported))
    assert changes(client, blog, f"since={start + 1}")["items"] == []


# -- what readers never see, and updates that leave ---------------------------


def test_a_draft_update_appears_in_no_response(small_blog, client):
    before = version(small_blog)
    draft = post(
        small_blog,
        "DRAFT update",
        [text("<p>DRAFT body</p>")],
        publish=False,
        pinned=True,
        key_event=True,
    )
    assert version(small_blog) == before  # nothing new for readers
    assert "DRAFT" not in everything_served(client, small_blog.pk)
    response = client.get(f"{API}/{small_blog.pk}/updates/{draft}/")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert changes(client, small_blog, f"since={before}")["items"] == []

    # Published, it shows everywhere (the check above is not vacuous).
    edit(small_blog, draft, publish=True)
    assert ids(changes(client, small_blog, f"since={before}")["items"]) == [draft]
    assert "DRAFT update" in everything_served(client, small_blog.pk)


def test_a_draft_change_to_a_published_update_is_not_served(small_blog, client):
    before = version(small_blog)
    edit(small_blog, SECOND["id"], headline="DRAFT headline", publish=False)
    assert version(small_blog) == before
    assert "DRAFT" not in everything_served(client, small_blog.pk)
    one = client.get(f"{API}/{small_blog.pk}/updates/{SECOND['id']}/").json()
    assert one["headline"] == "Second"
    assert one["updated_at"] is None


def test_a_scheduled_update_appears_only_when_it_goes_live(small_blog, client):
    go_live_at = timezone.now() + timedelta(hours=1)
    scheduled = post(
        small_blog, "SCHEDULED update", go_live_at=go_live_at, key_event=True
    )
    before = version(small_blog)
    assert "SCHEDULED" not in everything_served(client, small_blog.pk)
    assert client.get(f"{API}/{small_blog.pk}/updates/{scheduled}/").status_code == 404

    later = go_live_at + timedelta(minutes=1)
    with mock.patch.object(timezone, "now", return_value=later):
        call_command("publish_scheduled", verbosity=0)
    found = changes(client, small_blog, f"since={before}")
    assert headlines(found["items"]) == ["SCHEDULED update"]
    assert found["items"][0]["posted_at"] is not None
    detail = client.get(f"{API}/{small_blog.pk}/").json()
    assert ids(detail["updates"])[0] == scheduled
    assert scheduled in ids(detail["key_events"])


def test_unpublishing_an_update_reports_it_deleted_and_publishing_brings_it_back(
    small_blog, client
):
    second = SECOND["id"]
    before = version(small_blog)
    row(second).unpublish()
    gone = changes(client, small_blog, f"since={before}")
    assert gone["items"] == []
    assert gone["deleted"] == [second]
    assert client.get(f"{API}/{small_blog.pk}/updates/{second}/").status_code == 404
    detail = client.get(f"{API}/{small_blog.pk}/").json()
    assert ids(detail["updates"]) == [FIRST["id"]]
    assert detail["key_events"] == []
    unpublished_at = version(small_blog)

    update = row(second)
    update.latest_revision.publish(user=editor())
    back = changes(client, small_blog, f"since={unpublished_at}")
    assert back["deleted"] == []
    assert ids(back["items"]) == [second]
    assert back["items"][0]["headline"] == "Second"
    assert back["items"][0]["posted_at"] == "2026-03-14T09:02:00Z"
    # A client that never saw it go learns only its latest state.
    assert changes(client, small_blog, f"since={before}")["deleted"] == []
    assert ids(client.get(f"{API}/{small_blog.pk}/updates/").json()["items"]) == [
        second,
        FIRST["id"],
    ]


def test_an_editors_unpublish_is_reported_deleted(small_blog, client):
    """``unpublish(user=...)``, as code that logs who did it calls it."""
    before = version(small_blog)
    row(FIRST["id"]).unpublish(user=editor())
    assert changes(client, small_blog, f"since={before}")["deleted"] == [FIRST["id"]]


def test_deleting_an_update_reports_it_deleted(small_blog, client):
    before = version(small_blog)
    remove(small_blog, FIRST["id"])
    gone = changes(client, small_blog, f"since={before}")
    assert gone == {
        "meta": {
            "version": version(small_blog),
            "status": "live",
            "poll_interval": 10,
            "next": None,
            "events_url": None,
        },
        "items": [],
        "deleted": [FIRST["id"]],
    }
    assert client.get(f"{API}/{small_blog.pk}/").json()["pinned"] == []
    assert changes(client, small_blog, f"since={version(small_blog)}")["deleted"] == []


def test_an_expired_update_is_reported_deleted(small_blog, client):
    from wagtail_liveblog.models import LiveBlogUpdate

    # As if scheduled (in the admin) to expire a minute ago.
    LiveBlogUpdate.objects.filter(pk=FIRST["id"]).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    before = version(small_blog)
    call_command("publish_scheduled", verbosity=0)
    gone = changes(client, small_blog, f"since={before}")
    assert gone["deleted"] == [FIRST["id"]]
    assert gone["items"] == []
    assert (
        client.get(f"{API}/{small_blog.pk}/updates/{FIRST['id']}/").status_code == 404
    )


# -- ETag, 304, Cache-Control --------------------------------------------


@pytest.mark.parametrize(
    "suffix", ["/", "/updates/", "/updates/?limit=2", "/updates/?since=0"]
)
def test_etag_and_not_modified(small_blog, client, suffix):
    url = f"{API}/{small_blog.pk}{suffix}"
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == first["Cache-Control"]
    weak = client.get(url, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304
    stale = client.get(url, headers={"If-None-Match": '"lb-stale"'})
    assert stale.status_code == 200
    assert stale.json() == first.json()


def test_etag_changes_with_version_and_query(small_blog, client):
    url = f"{API}/{small_blog.pk}/updates/"
    before = client.get(url)["ETag"]
    assert client.get(f"{url}?limit=1")["ETag"] != before
    post(small_blog, "Third")
    after = client.get(url, headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after["ETag"] != before
    assert headlines(after.json()["items"])[0] == "Third"


def test_a_draft_leaves_etags_alone(small_blog, client):
    url = f"{API}/{small_blog.pk}/updates/"
    etag = client.get(url)["ETag"]
    post(small_blog, "Draft", publish=False)
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_update_route_etag(small_blog, client):
    url = f"{API}/{small_blog.pk}/updates/{SECOND['id']}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    edit(small_blog, SECOND["id"], headline="Second, corrected")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["headline"] == "Second, corrected"


@override_settings(WAGTAIL_LIVEBLOG={"CACHE_MAX_AGE": 7})
def test_public_blog_is_cacheable_by_a_cdn(small_blog, client):
    for suffix in ["/", "/updates/", "/updates/?since=0", f"/updates/{FIRST['id']}/"]:
        response = client.get(f"{API}/{small_blog.pk}{suffix}")
        assert response["Cache-Control"] == "public, max-age=7"
        assert "Cookie" not in response.get("Vary", "")


def test_head_sends_headers_without_body(small_blog, client):
    response = client.head(f"{API}/{small_blog.pk}/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == client.get(f"{API}/{small_blog.pk}/")["ETag"]


def test_other_methods_are_405(small_blog, client):
    response = client.post(f"{API}/{small_blog.pk}/updates/")
    assert response.status_code == 405
    assert response.json() == {"message": "Method not allowed."}
    assert response["Allow"] == "GET, HEAD"


# -- listing and custom page types ----------------------------------------


def test_listing_shows_live_blogs_only(small_blog, home, client):
    other = ElectionNightPageFactory(parent=home)
    publish(other, numbered_updates(2))
    home.add_child(instance=Page(title="Not a blog", slug="not-a-blog"))
    response = client.get(f"{API}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"] == {"total_count": 2}
    by_id = {item["id"]: item for item in data["items"]}
    assert set(by_id) == {small_blog.pk, other.pk}
    assert by_id[small_blog.pk] == {
        "id": small_blog.pk,
        "title": small_blog.title,
        "url": small_blog.get_full_url(),
        "status": "live",
        "version": version(small_blog),
        "detail_url": f"http://testserver{API}/{small_blog.pk}/",
        "updates_url": f"http://testserver{API}/{small_blog.pk}/updates/",
    }
    assert client.get(f"{API}/?limit=1").json()["meta"] == {"total_count": 2}
    assert len(client.get(f"{API}/?limit=1&offset=1").json()["items"]) == 1


def test_custom_page_type_on_the_mixin(home, client):
    page = ElectionNightPageFactory(parent=home)
    publish(page, numbered_updates(2))
    data = client.get(f"{API}/{page.pk}/").json()
    assert data["id"] == page.pk
    assert headlines(data["updates"]) == ["Update 2", "Update 1"]


@pytest.mark.parametrize(
    "suffix", ["/", "/updates/", "/updates/?since=0", "/updates/?limit=5"]
)
def test_routes_serve_the_stored_data_in_few_queries(blog, client, suffix):
    """Routes read the JSON stored at publish: never the updates' bodies (no
    rendering per request), in a handful of queries whatever the blog's size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish(blog, numbered_updates(60))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"{API}/{blog.pk}{suffix}").status_code == 200
    assert len(captured) <= 10
    body_column = '"wagtail_liveblog_liveblogupdate"."body"'
    assert not any(body_column in q["sql"] for q in captured.captured_queries)


# -- aliases: the source blog's updates, under the alias's own rules ----------


@pytest.fixture
def section(home):
    return home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))


@pytest.fixture
def alias(small_blog, section):
    return small_blog.create_alias(parent=section, update_slug="storm-alias").specific


def test_an_alias_serves_its_source_blogs_updates(small_blog, alias, client):
    alias_url = alias.get_full_url()
    assert alias_url != small_blog.get_full_url()
    detail = client.get(f"{API}/{alias.pk}/").json()
    assert detail["id"] == alias.pk
    assert detail["url"] == alias_url
    assert detail["version"] == version(small_blog)
    assert ids(detail["updates"]) == [SECOND["id"], FIRST["id"]]
    assert detail["updates"][0]["url"] == permalink(alias_url, SECOND["id"])
    assert ids(detail["pinned"]) == [FIRST["id"]]
    assert detail["updates_url"] == f"http://testserver{API}/{alias.pk}/updates/"
    one = client.get(f"{API}/{alias.pk}/updates/{FIRST['id']}/")
    assert one.status_code == 200
    assert one.json()["url"] == permalink(alias_url, FIRST["id"])

    # What is posted to the source reaches the alias's pollers.
    before = version(small_blog)
    third = post(small_blog, "Third")
    found = changes(client, alias, f"since={before}")
    assert ids(found["items"]) == [third]
    assert found["meta"]["version"] == version(small_blog)

    listed = {item["id"]: item for item in client.get(f"{API}/").json()["items"]}
    assert listed[alias.pk]["version"] == version(small_blog)
    assert listed[alias.pk]["url"] == alias_url


def test_an_alias_of_an_alias_serves_the_source_blogs_updates(
    small_blog, alias, home, client
):
    # E.g. a section holding the alias, itself aliased recursively.
    second = alias.create_alias(parent=home, update_slug="storm-alias-2").specific
    assert second.alias_of_id == alias.pk
    detail = client.get(f"{API}/{second.pk}/").json()
    assert detail["version"] == version(small_blog)
    assert ids(detail["updates"]) == [SECOND["id"], FIRST["id"]]


def assert_no_data(client, page_id: int, update_id: str) -> None:
    for url in all_routes(page_id, update_id):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == NOT_FOUND
        assert response["Cache-Control"] == "no-store"
    listing = client.get(f"{API}/").json()
    assert page_id not in ids(listing["items"])


def test_moving_an_alias_changes_its_etag_and_urls(alias, home, client):
    url = f"{API}/{alias.pk}/"
    before = client.get(url)
    news = home.add_child(instance=Page(title="News", slug="news"))
    Page.objects.get(pk=alias.pk).move(news, pos="last-child")
    moved = Page.objects.get(pk=alias.pk).get_full_url()
    assert "/news/" in moved
    after = client.get(url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after.json()["url"] == moved
    assert after.json()["updates"][0]["url"] == permalink(moved, SECOND["id"])


def test_an_alias_of_an_unpublished_blog_gets_no_data(small_blog, alias, client):
    small_blog.unpublish()
    assert_no_data(client, alias.pk, FIRST["id"])


def test_an_alias_of_a_restricted_blog_gets_no_data(small_blog, alias, client):
    """Wagtail applies a source page's view restrictions to its aliases."""
    PageViewRestriction.objects.create(
        page=small_blog,
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret",
    )
    assert_no_data(client, small_blog.pk, FIRST["id"])
    assert_no_data(client, alias.pk, FIRST["id"])


def test_an_alias_in_a_restricted_section_gets_no_data(
    small_blog, alias, section, client, django_user_model
):
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    assert_no_data(client, alias.pk, FIRST["id"])
    # The source blog, outside the section, stays public.
    source = client.get(f"{API}/{small_blog.pk}/")
    assert source.status_code == 200
    assert source["Cache-Control"].startswith("public")

    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    for url in all_routes(alias.pk, FIRST["id"]):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {part.strip() for part in response["Cache-Control"].split(",")} == {
            "private",
            "no-store",
        }


def test_an_alias_never_shows_drafts(small_blog, alias, client):
    post(small_blog, "DRAFT update", publish=False, pinned=True, key_event=True)
    edit(small_blog, SECOND["id"], headline="DRAFT headline", publish=False)
    assert "DRAFT" not in everything_served(client, alias.pk)


def test_a_blog_in_an_alias_of_a_restricted_section_gets_no_data(home, client):
    """An alias of a section takes the section's restrictions, so the copies
    of its blogs are restricted too."""
    from tests.factories import LiveBlogPageFactory

    members = home.add_child(instance=Page(title="Members", slug="members"))
    blog = publish(LiveBlogPageFactory(parent=members, slug="storm"), [FIRST])
    copy = members.create_alias(recursive=True, parent=home, update_slug="copy")
    blog_copy = copy.get_children().get(slug="storm")
    assert blog_copy.alias_of_id == blog.pk
    assert client.get(f"{API}/{blog_copy.pk}/").status_code == 200

    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.LOGIN
    )
    assert_no_data(client, blog.pk, FIRST["id"])
    assert_no_data(client, blog_copy.pk, FIRST["id"])


def test_cursors_of_updates_readers_never_saw_answer_like_unknown_ids(client, blog):
    """A draft's or a scheduled update's id tells nothing through the API:
    as a cursor it answers exactly as an id that never existed."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import post, publish

    live = publish(blog)
    shown = post(live, "Shown")
    draft = post(live, "Draft", publish=False, posted_at=timezone.now())
    scheduled = post(live, "Later", go_live_at=timezone.now() + timedelta(hours=1))
    unknown = "0b7e5d1c-3f7b-4d0e-9a55-5c7e3c1f2a90"
    base = f"/api/v2/liveblogs/{live.pk}/updates/"

    def answer(query: str) -> tuple[int, dict]:
        response = client.get(base + query)
        return response.status_code, response.json()

    for name in ("before", "after"):
        prefix = "since=0&" if name == "after" else ""
        expected = answer(f"?{prefix}{name}={unknown}")
        assert expected[0] == 400
        for hidden in (draft, scheduled):
            assert answer(f"?{prefix}{name}={hidden}") == expected
        assert answer(f"?{prefix}{name}={shown}")[0] == 200
