"""Wagtail 8's API v3: a LiveBlogPage is listed and shown small.

API v3 builds each page type's read schema from the same ``api_fields`` as
API v2 (``wagtail.api.v3.schemas.generators.read``), so the live blog's
fields (read-model backed) appear and the ``updates`` stream does not.
"""

from __future__ import annotations

import pytest

pytest.importorskip("wagtail.api.v3", reason="API v3 needs Wagtail 8")

from django.test import override_settings

from tests.api_support import headlines
from tests.factories import LiveBlogPageFactory, numbered_updates, publish
from wagtail_liveblog.models.timeline import current_version

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.urls_v3"),
]

V3 = "/api/v3/pages"
LIVEBLOG_FIELDS = [
    "intro",
    "status",
    "coverage_start",
    "coverage_end",
    "version",
    "pinned",
    "key_events",
    "latest_updates",
    "updates_url",
]


def test_listing_is_small(blog, client):
    publish(blog, numbered_updates(30))
    response = client.get(f"{V3}/?type=wagtail_liveblog.LiveBlogPage")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    [item] = data["items"]
    assert set(item) == {"id", "title", "meta"}
    assert item["id"] == blog.pk
    assert item["meta"]["type"] == "wagtail_liveblog.LiveBlogPage"


def test_detail_carries_the_read_model_fields_not_the_stream(blog, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish(blog, numbered_updates(25))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{V3}/{blog.pk}/")
    assert response.status_code == 200
    assert not any('."updates"' in q["sql"] for q in captured.captured_queries)
    data = response.json()
    assert "updates" not in data
    assert set(LIVEBLOG_FIELDS) <= set(data)
    assert data["status"] == "live"
    # Publishing the page and importing the updates are two visible changes.
    assert data["version"] == current_version(blog.pk) == 2
    assert data["intro"] == "<p>Follow the storm as it happens.</p>"
    assert headlines(data["latest_updates"]) == [
        f"Update {n}" for n in range(25, 5, -1)
    ]
    v2 = client.get(f"/api/v2/liveblogs/{blog.pk}/updates/").json()["items"]
    assert data["latest_updates"] == v2
    assert (
        data["updates_url"] == f"http://testserver/api/v2/liveblogs/{blog.pk}/updates/"
    )


def test_openapi_schema_has_no_updates_field(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    schemas = response.json()["components"]["schemas"]
    page_schema = schemas["LiveBlogPageSchema"]["properties"]
    assert set(LIVEBLOG_FIELDS) <= set(page_schema)
    assert "updates" not in page_schema


@override_settings(WAGTAIL_LIVEBLOG={"PAGE_SIZE": 10})
def test_detail_size_does_not_grow(blog, home, client):
    ten = publish(blog, numbered_updates(10))
    thousand = publish(
        LiveBlogPageFactory(parent=home, title=blog.title), numbered_updates(1000)
    )
    size_10 = len(client.get(f"{V3}/{ten.pk}/").content)
    size_1000 = len(client.get(f"{V3}/{thousand.pk}/").content)
    assert size_1000 <= 1.5 * size_10, (size_10, size_1000)
