"""LiveBlogPollMiddleware: up-to-date polls of public blogs answered
without routing, everything else left to the page route and its privacy
checks."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import numbered_updates, post, publish
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version

MIDDLEWARE = "wagtail_liveblog.middleware.LiveBlogPollMiddleware"


@pytest.fixture(autouse=True)
def with_middleware(settings):
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(3))


def poll(client, page, since, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{page.url}poll/?since={since}", **headers)
    routed = any("wagtailcore_site" in q["sql"] for q in queries.captured_queries)
    return response, routed


def test_second_up_to_date_poll_skips_routing_with_the_same_answer(live_blog, client):
    version = current_version(live_blog.pk)
    first, routed_first = poll(client, live_blog, version)
    second, routed_second = poll(client, live_blog, version)
    assert routed_first and not routed_second
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert first["ETag"] == second["ETag"]
    assert first["Cache-Control"] == second["Cache-Control"]
    assert second.json() == {
        "meta": {
            "version": version,
            "status": "live",
            "poll_interval": 10,
            "reset": False,
        },
        "items": [],
        "deleted": [],
    }
    revalidated, routed = poll(
        client, live_blog, version, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert revalidated.status_code == 304 and not routed


def test_a_poll_with_changes_goes_to_the_page_route(live_blog, client):
    before = current_version(live_blog.pk)
    poll(client, live_blog, before)
    new_id = post(live_blog, "Dam holds")
    response, routed = poll(client, live_blog, before)
    assert routed
    assert new_id in [item["id"] for item in response.json()["items"]]


def test_an_unpublished_update_is_not_hidden_by_the_fast_path(live_blog, client):
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    assert not poll(client, live_blog, version)[1]
    target = LiveBlogUpdate.objects.filter(blog_id=live_blog.pk).first()
    target.unpublish()
    response, routed = poll(client, live_blog, version)
    assert routed
    assert response.json()["deleted"] == [str(target.pk)]


def test_an_alias_polls_its_sources_version(live_blog, client):
    alias = live_blog.create_alias(update_slug="storm-copy")
    version = current_version(live_blog.pk)
    first, _ = poll(client, alias, version)
    assert first.json()["meta"]["version"] == version
    assert not poll(client, alias, version)[1]
    new_id = post(live_blog, "Posted to the source")
    response, routed = poll(client, alias, version)
    assert routed
    assert [item["id"] for item in response.json()["items"]] == [new_id]


def test_a_new_view_restriction_closes_the_fast_path(live_blog, client):
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    assert not poll(client, live_blog, version)[1]
    PageViewRestriction.objects.create(
        page=live_blog, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response, routed = poll(client, live_blog, version)
    assert routed
    assert response.status_code != 200 or "version" not in response.content.decode()


def test_a_private_blog_never_gets_a_gate(live_blog, client, django_user_model):
    PageViewRestriction.objects.create(
        page=live_blog, restriction_type=PageViewRestriction.LOGIN
    )
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    version = current_version(live_blog.pk)
    for _ in range(2):
        response, routed = poll(client, live_blog, version)
        assert routed and response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_unpublishing_closes_the_fast_path(live_blog, client):
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    live_blog.unpublish()
    response, routed = poll(client, live_blog, version)
    assert routed and response.status_code == 404


@pytest.mark.parametrize(
    "query", ["since=abc", "since=", "since=1&since=1", "since=1&x=2"]
)
def test_odd_queries_go_to_the_page_route(live_blog, client, query):
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{live_blog.url}poll/?{query}")
    assert any("wagtailcore_site" in q["sql"] for q in queries.captured_queries)
    assert response.status_code in (200, 400)


def test_ending_coverage_is_seen_through_the_fast_path(live_blog, client):
    from datetime import timedelta

    from django.utils import timezone

    live_blog.coverage_end = timezone.now() + timedelta(seconds=1)
    live_blog.save_revision().publish()
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    import time

    time.sleep(1.1)
    response, routed = poll(client, live_blog, version)
    assert not routed
    assert response.json()["meta"]["status"] == "ended"
