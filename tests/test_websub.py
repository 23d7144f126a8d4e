"""WebSub: the Atom feed names its hub, and each change of a public, live
blog pings the hub once (hub.mode=publish, hub.url=<feed url>)."""

from __future__ import annotations

from urllib.parse import parse_qs

import feedparser
import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from tests.factories import post, publish
from tests.push_support import run_queued
from wagtail_liveblog.signals import (
    UPDATE_PUBLISHED,
    ChangeEvent,
    liveblog_changed,
    send_robustly,
)

pytestmark = pytest.mark.django_db

HUB = "https://hub.example.com/"


def feed_links(client, blog) -> dict:
    response = client.get(f"{blog.url}feed/")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return {link["rel"]: link["href"] for link in parsed.feed.links}


def changed(blog, version=1):
    send_robustly(
        liveblog_changed,
        blog_id=blog.pk,
        version=version,
        previous_version=version - 1,
        events=(ChangeEvent(UPDATE_PUBLISHED, None),),
    )


def test_the_feed_names_the_hub_and_itself(blog, client, settings):
    settings.WAGTAIL_LIVEBLOG = {"WEBSUB_HUB": HUB}
    blog = publish(blog)
    assert feed_links(client, blog) == {
        "alternate": blog.get_full_url(),
        "self": f"{blog.get_full_url()}feed/",
        "hub": HUB,
    }


def test_without_a_hub_the_feed_names_none(blog, client):
    blog = publish(blog)
    assert feed_links(client, blog) == {
        "alternate": blog.get_full_url(),
        "self": f"{blog.get_full_url()}feed/",
    }


def test_a_hub_set_later_is_not_hidden_by_a_304(blog, client, settings):
    blog = publish(blog)
    etag = client.get(f"{blog.url}feed/")["ETag"]
    settings.WAGTAIL_LIVEBLOG = {"WEBSUB_HUB": HUB}
    response = client.get(f"{blog.url}feed/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert f'<link href="{HUB}" rel="hub"/>' in response.content.decode()


def test_a_private_blog_names_no_hub(blog, client, settings):
    settings.WAGTAIL_LIVEBLOG = {"WEBSUB_HUB": HUB}
    blog = publish(blog)
    PageViewRestriction.objects.create(
        page=blog, restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(get_user_model().objects.create_superuser("ed", "", "pw"))
    assert "hub" not in feed_links(client, blog)


def test_each_change_pings_the_hub_once(blog, receiver, queued_tasks, settings):
    settings.WAGTAIL_LIVEBLOG = {"WEBSUB_HUB": receiver.url}
    blog = publish(blog)
    post(blog, "Flood warning")
    queued_tasks.results.clear()  # whatever posting queued: this test sends its own

    changed(blog, 1)
    changed(blog, 2)
    run_queued(queued_tasks)

    assert len(receiver.requests) == 2
    for ping in receiver.requests:
        assert ping.path == "/hook"
        assert ping.headers["content-type"] == "application/x-www-form-urlencoded"
        assert parse_qs(ping.body.decode(), strict_parsing=True) == {
            "hub.mode": ["publish"],
            "hub.url": [f"{blog.get_full_url()}feed/"],
        }


def test_without_a_hub_nothing_is_queued(blog, queued_tasks):
    blog = publish(blog)
    queued_tasks.results.clear()
    changed(blog)
    assert queued_tasks.results == []


def test_private_and_unpublished_blogs_ping_nothing(
    blog, home, receiver, queued_tasks, settings
):
    from tests.factories import LiveBlogPageFactory

    settings.WAGTAIL_LIVEBLOG = {"WEBSUB_HUB": receiver.url}
    private = publish(blog)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    draft = LiveBlogPageFactory(parent=home, live=False)
    queued_tasks.results.clear()

    changed(private)
    changed(draft)
    run_queued(queued_tasks)

    assert receiver.requests == []


def test_a_hub_that_fails_is_logged(blog, receiver, queued_tasks, settings, caplog):
    receiver.statuses = [503]
    settings.WAGTAIL_LIVEBLOG = {"WEBSUB_HUB": receiver.url}
    blog = publish(blog)
    queued_tasks.results.clear()
    changed(blog)
    run_queued(queued_tasks)  # no exception
    assert len(receiver.requests) == 1
    assert f"the hub {receiver.url} answered 503" in caplog.text


def test_a_hub_that_cannot_be_reached_is_logged(blog, queued_tasks, settings, caplog):
    settings.WAGTAIL_LIVEBLOG = {"WEBSUB_HUB": "http://127.0.0.1:9/"}  # discard: closed
    blog = publish(blog)
    queued_tasks.results.clear()
    changed(blog)
    run_queued(queued_tasks)  # no exception
    assert "WebSub: pinging http://127.0.0.1:9/ for" in caplog.text
