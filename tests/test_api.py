"""The ``liveblogs`` endpoint: routes, exact payloads, paging, ETags, caching."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings

from tests.api_support import API, get, headlines, ids, permalink
from tests.factories import (
    BASE_TIME,
    ElectionNightPageFactory,
    numbered_updates,
    publish,
    quote,
    raw_updates,
    text,
    update,
)

pytestmark = pytest.mark.django_db


def body_text(html: str, block_id: str) -> dict:
    return {"type": "text", "id": block_id, "value": html}


@pytest.fixture
def small_blog(blog):
    items = [
        update(
            "Second",
            [text("<p>Roads closed.</p>")],
            posted_at=BASE_TIME + timedelta(minutes=2),
            key_event=True,
            author="Ana Reporter",
        ),
        update(
            "First",
            [quote("Stay indoors.", "Mayor")],
            posted_at=BASE_TIME + timedelta(minutes=1),
            pinned=True,
        ),
    ]
    return publish(blog, items)


def test_blog_detail_exact_payload(small_blog, client):
    second, first = raw_updates(small_blog)
    page_url = small_blog.get_full_url()
    response = client.get(f"{API}/{small_blog.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    first_json = {
        "id": first["id"],
        "url": permalink(page_url, first["id"]),
        "headline": "First",
        "posted_at": "2026-03-14T09:01:00Z",
        "updated_at": None,
        "pinned": True,
        "key_event": False,
        "author": "",
        "body": [
            {
                "type": "quote",
                "id": first["value"]["body"][0]["id"],
                "value": {"text": "Stay indoors.", "attribution": "Mayor"},
            }
        ],
    }
    second_json = {
        "id": second["id"],
        "url": permalink(page_url, second["id"]),
        "headline": "Second",
        "posted_at": "2026-03-14T09:02:00Z",
        "updated_at": None,
        "pinned": False,
        "key_event": True,
        "author": "Ana Reporter",
        "body": [body_text("<p>Roads closed.</p>", second["value"]["body"][0]["id"])],
    }
    assert response.json() == {
        "id": small_blog.pk,
        "title": small_blog.title,
        "url": page_url,
        "intro": "<p>Follow the storm as it happens.</p>",
        "status": "live",
        "coverage_start": None,
        "coverage_end": None,
        "version": 1,
        "poll_interval": 10,
        "updates_url": f"http://testserver{API}/{small_blog.pk}/updates/",
        "pinned": [first_json],
        "key_events": [
            {
                "id": second["id"],
                "url": permalink(page_url, second["id"]),
                "headline": "Second",
                "posted_at": "2026-03-14T09:02:00Z",
            }
        ],
        "updates": [second_json, first_json],
        "next": None,
    }


def test_one_update_equals_its_list_item(small_blog, client):
    listed = client.get(f"{API}/{small_blog.pk}/updates/").json()["items"]
    for item in listed:
        response = client.get(f"{API}/{small_blog.pk}/updates/{item['id']}/")
        assert response.status_code == 200
        assert response.json() == item
        assert response["ETag"]


def test_one_update_unknown_or_malformed_id_is_404(small_blog, client):
    for update_id in ["0b3c1b7e-0000-4000-8000-000000000000", "nope", "123"]:
        response = client.get(f"{API}/{small_blog.pk}/updates/{update_id}/")
        assert response.status_code == 404
        assert response.json() == {"message": "Not found."}


def test_removed_update_is_404(small_blog, client):
    second, first = raw_updates(small_blog)
    publish(small_blog, [second])
    response = client.get(f"{API}/{small_blog.pk}/updates/{first['id']}/")
    assert response.status_code == 404


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
        "version": 1,
        "status": "live",
        "poll_interval": 10,
        "next": f"http://testserver{API}/{blog.pk}/updates/"
        f"?before={data['items'][-1]['id']}&limit=10",
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
    items = raw_updates(blog)
    cursor = items[2]["id"]  # Update 3
    publish(blog, [item for item in items if item["id"] != cursor])
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
    publish(blog, numbered_updates(3))  # version 1
    three, two, one = raw_updates(blog)
    first = changes(client, blog, "since=0")
    assert set(first) == {"meta", "items", "deleted"}
    assert sorted(headlines(first["items"])) == ["Update 1", "Update 2", "Update 3"]
    assert first["deleted"] == []
    assert first["meta"] == {
        "version": 1,
        "status": "live",
        "poll_interval": 10,
        "next": None,
    }

    two["value"]["headline"] = "Update 2, corrected"
    publish(blog, [three, two])  # version 2: edit 2, remove 1
    second = changes(client, blog, "since=1")
    assert headlines(second["items"]) == ["Update 2, corrected"]
    assert second["items"][0]["updated_at"] is not None
    assert second["deleted"] == [one["id"]]
    assert second["meta"]["version"] == 2

    publish(blog, [update("Update 4"), *raw_updates(blog)])  # version 3
    third = changes(client, blog, "since=1")
    assert headlines(third["items"]) == ["Update 2, corrected", "Update 4"]
    assert third["deleted"] == [one["id"]]
    assert changes(client, blog, "since=3") == {
        "meta": {"version": 3, "status": "live", "poll_interval": 10, "next": None},
        "items": [],
        "deleted": [],
    }


def test_since_pages_through_many_changes_each_once_in_order(blog, client):
    publish(blog, numbered_updates(5))  # version 1: five creations
    items = raw_updates(blog)
    items[0]["value"]["headline"] = "Update 5, corrected"
    publish(blog, items[:4])  # version 2: edit 5, remove 1
    publish(blog, [update("Update 6"), *raw_updates(blog)])  # version 3
    seen_items, seen_deleted, pages = [], [], 0
    url = f"{API}/{blog.pk}/updates/?since=0&limit=2"
    while url:
        data = get(client, url).json()
        pages += 1
        assert len(data["items"]) + len(data["deleted"]) <= 2
        assert data["meta"]["version"] == 3
        seen_items += data["items"]
        seen_deleted += data["deleted"]
        url = data["meta"]["next"]
    # Update 1 was created then removed: reported once, as removed.
    assert seen_deleted == [items[4]["id"]]
    found = headlines(seen_items)
    assert len(found) == len(set(found)) == 5
    assert found[-2:] == ["Update 5, corrected", "Update 6"]
    assert set(found[:3]) == {"Update 2", "Update 3", "Update 4"}
    assert pages == 3


def test_since_next_link_carries_cursor_and_limit(blog, client):
    publish(blog, numbered_updates(3))
    data = changes(client, blog, "since=0&limit=2")
    last = data["items"][-1]["id"]
    assert data["meta"]["next"] == (
        f"http://testserver{API}/{blog.pk}/updates/?since=1&after={last}&limit=2"
    )
    rest = get(client, data["meta"]["next"]).json()
    assert len(rest["items"]) == 1
    assert rest["meta"]["next"] is None


@override_settings(WAGTAIL_LIVEBLOG={"MAX_PAGE_SIZE": 4})
def test_since_defaults_to_max_page_size(blog, client):
    publish(blog, numbered_updates(6))
    data = changes(client, blog, "since=0")
    assert len(data["items"]) == 4
    assert data["meta"]["next"] is not None


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
    publish(small_blog, [update("Third"), *raw_updates(small_blog)])
    after = client.get(url, headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after["ETag"] != before
    assert headlines(after.json()["items"])[0] == "Third"


def test_update_route_etag(small_blog, client):
    update_id = raw_updates(small_blog)[0]["id"]
    url = f"{API}/{small_blog.pk}/updates/{update_id}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


@override_settings(WAGTAIL_LIVEBLOG={"CACHE_MAX_AGE": 7})
def test_public_blog_is_cacheable_by_a_cdn(small_blog, client):
    for suffix in ["/", "/updates/", "/updates/?since=0"]:
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
        "version": 1,
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


@pytest.mark.parametrize("suffix", ["/", "/updates/", "/updates/?since=0"])
def test_routes_never_read_the_stream(small_blog, client, suffix):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"{API}/{small_blog.pk}{suffix}").status_code == 200
    assert len(captured) <= 10
    assert not any('."updates"' in q["sql"] for q in captured.captured_queries)
