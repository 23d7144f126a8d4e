"""A LiveBlogPage in Wagtail's own pages endpoint (API v2) stays small."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.api_support import API, PAGES, headlines, permalink, update_ids, version
from tests.factories import numbered_updates, publish

pytestmark = pytest.mark.django_db


def test_detail_fields(blog, client):
    items = numbered_updates(3)
    items[1]["value"]["pinned"] = True
    items[2]["value"]["key_event"] = True
    blog.summary = "<ul><li>Power out in the east</li></ul>"
    publish(blog, items)
    three, two, one = update_ids(blog)
    page_url = blog.get_full_url()
    response = client.get(f"{PAGES}/{blog.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert list(data) == [
        "id",
        "meta",
        "title",
        "intro",
        "summary",
        "status",
        "coverage_start",
        "coverage_end",
        "version",
        "pinned",
        "key_events",
        "latest_updates",
        "updates_url",
    ]
    assert data["meta"]["type"] == "wagtail_liveblog.LiveBlogPage"
    assert data["intro"] == "<p>Follow the storm as it happens.</p>"
    assert data["summary"] == "<ul><li>Power out in the east</li></ul>"
    assert data["status"] == "live"
    assert data["coverage_start"] is None
    assert data["version"] == version(blog)
    assert [u["id"] for u in data["pinned"]] == [two]
    assert data["key_events"] == [
        {
            "id": one,
            "url": permalink(page_url, one),
            "headline": "Update 1",
            "posted_at": "2026-03-14T09:01:00Z",
        }
    ]
    assert headlines(data["latest_updates"]) == ["Update 3", "Update 2", "Update 1"]
    api_items = client.get(f"{API}/{blog.pk}/updates/").json()["items"]
    assert data["latest_updates"] == api_items
    assert data["updates_url"] == f"http://testserver{API}/{blog.pk}/updates/"


def test_the_full_list_of_updates_is_not_a_field(blog, client):
    publish(blog, numbered_updates(2))
    assert "updates" not in client.get(f"{PAGES}/{blog.pk}/").json()
    everything = client.get(f"{PAGES}/{blog.pk}/?fields=*").json()
    assert "updates" not in everything
    response = client.get(f"{PAGES}/{blog.pk}/?fields=updates")
    assert response.status_code == 400
    assert response.json() == {"message": "unknown fields: updates"}


def test_drafts_and_scheduled_updates_are_in_no_field(blog, client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import post

    publish(blog, numbered_updates(2))
    before = client.get(f"{PAGES}/{blog.pk}/").json()
    post(blog, "DRAFT", publish=False, pinned=True, key_event=True)
    post(
        blog,
        "SCHEDULED",
        go_live_at=timezone.now() + timedelta(hours=1),
        pinned=True,
        key_event=True,
    )
    after = client.get(f"{PAGES}/{blog.pk}/").json()
    assert after == before
    assert headlines(after["latest_updates"]) == ["Update 2", "Update 1"]
    listing = client.get(f"{PAGES}/?type=wagtail_liveblog.LiveBlogPage&fields=*")
    assert "DRAFT" not in listing.content.decode()
    assert "SCHEDULED" not in listing.content.decode()

    post(blog, "PUBLISHED", pinned=True, key_event=True)
    now = client.get(f"{PAGES}/{blog.pk}/").json()
    assert headlines(now["latest_updates"])[0] == "PUBLISHED"
    assert headlines(now["pinned"]) == ["PUBLISHED"]
    assert now["version"] > before["version"]


def test_an_alias_shows_its_source_blogs_updates(blog, home, client):
    from wagtail.models import Page

    publish(blog, numbered_updates(2))
    section = home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    alias = blog.create_alias(parent=section, update_slug="storm-alias")
    data = client.get(f"{PAGES}/{alias.pk}/").json()
    assert data["id"] == alias.pk
    assert data["version"] == version(blog)
    assert [u["id"] for u in data["latest_updates"]] == update_ids(blog)
    assert data["latest_updates"][0]["url"] == permalink(
        alias.get_full_url(), update_ids(blog)[0]
    )
    assert data["updates_url"] == f"http://testserver{API}/{alias.pk}/updates/"


def test_listing_with_type_filter_stays_small(blog, client):
    publish(blog, numbered_updates(30))
    response = client.get(
        f"{PAGES}/?type=wagtail_liveblog.LiveBlogPage&fields=version,latest_updates"
    )
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["version"] == version(blog)
    assert len(item["latest_updates"]) == 20


@override_settings(WAGTAIL_LIVEBLOG={"PAGE_SIZE": 10})
def test_size_does_not_grow_with_the_number_of_updates(blog, home, client):
    from tests.factories import LiveBlogPageFactory

    ten = publish(blog, numbered_updates(10))
    thousand = publish(
        LiveBlogPageFactory(parent=home, title=blog.title), numbered_updates(1000)
    )
    size_10 = len(client.get(f"{PAGES}/{ten.pk}/").content)
    size_1000 = len(client.get(f"{PAGES}/{thousand.pk}/").content)
    assert size_1000 <= 1.5 * size_10, (size_10, size_1000)
    detail_10 = len(client.get(f"{API}/{ten.pk}/").content)
    detail_1000 = len(client.get(f"{API}/{thousand.pk}/").content)
    assert detail_1000 <= 1.5 * detail_10, (detail_10, detail_1000)
