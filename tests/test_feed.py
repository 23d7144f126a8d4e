"""The Atom feed at <page url>feed/, read with feedparser as a feed reader
would, and its autodiscovery link on the page: published updates only."""

from __future__ import annotations

import re
from datetime import timedelta

import feedparser
import pytest
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    editor,
    image,
    make_image,
    numbered_updates,
    post,
    publish,
    text,
    update,
)
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db


def read_feed(client, blog):
    response = client.get(f"{blog.url}feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed, response


def test_feed_lists_the_newest_updates_with_permalinks(blog, client):
    items = numbered_updates(25)
    items[0]["value"]["author"] = "Sam Reporter"
    blog.search_description = "Storm coverage from Millbrook."
    blog = publish(blog, items)

    parsed, _ = read_feed(client, blog)
    page_url = f"http://localhost{blog.url}"
    assert parsed.version == "atom10"
    assert parsed.feed.title == blog.title
    assert parsed.feed.subtitle == "Storm coverage from Millbrook."
    assert parsed.feed.link == page_url
    assert len(parsed.entries) == 20  # FEED_SIZE

    newest = parsed.entries[0]
    newest_id = items[0]["id"]
    permalink = f"{page_url}?update={newest_id}#update-{newest_id}"
    assert newest.title == "Update 25"
    assert newest.id == permalink
    assert newest.link == permalink
    assert newest.published_parsed[:6] == (2026, 3, 14, 9, 25, 0)
    assert newest.updated_parsed[:6] == (2026, 3, 14, 9, 25, 0)
    assert newest.author == "Sam Reporter"
    assert [e.title for e in parsed.entries[:3]] == [
        "Update 25",
        "Update 24",
        "Update 23",
    ]
    assert parsed.entries[-1].title == "Update 6"


@override_settings(WAGTAIL_LIVEBLOG={"FEED_SIZE": 3})
def test_feed_size_setting(blog, client):
    blog = publish(blog, numbered_updates(5))
    parsed, _ = read_feed(client, blog)
    assert [e.title for e in parsed.entries] == ["Update 5", "Update 4", "Update 3"]


def test_entry_content_is_the_update_html_with_absolute_urls(blog, client):
    photo = make_image()
    blog = publish(
        blog,
        [
            update(
                "",
                body=[
                    text("<p>Water is <b>rising</b> fast near the old mill.</p>"),
                    image(photo, credit="Reuters"),
                ],
            )
        ],
    )
    parsed, _ = read_feed(client, blog)
    entry = parsed.entries[0]
    # No headline: the title is the update's first words.
    assert entry.title == "Water is rising fast near the old mill."
    content = entry.content[0]
    assert content.type == "text/html"
    assert "<b>rising</b>" in content.value
    assert "Credit: Reuters" in content.value
    srcs = re.findall(r'src="([^"]+)"', content.value)
    assert srcs and all(src.startswith("http://") for src in srcs)
    hrefs = re.findall(r'href="([^"]+)"', content.value)
    assert hrefs and all(href.startswith("http://localhost/") for href in hrefs)


def test_edits_and_removals_show_in_the_feed(blog, client):
    items = numbered_updates(3)
    blog = publish(blog, items)
    items[0]["value"]["headline"] = "Update 3 (corrected)"
    items[0]["value"]["body"] = [text("<p>Corrected.</p>")]
    del items[1]
    blog = publish(blog, items)

    parsed, _ = read_feed(client, blog)
    assert [e.title for e in parsed.entries] == ["Update 3 (corrected)", "Update 1"]
    assert parsed.entries[0].updated_parsed > parsed.entries[0].published_parsed


def test_feed_answers_if_none_match_with_304(blog, client):
    blog = publish(blog, numbered_updates(2))
    _, response = read_feed(client, blog)
    etag = response["ETag"]
    again = client.get(f"{blog.url}feed/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    publish(blog, numbered_updates(3))
    changed = client.get(f"{blog.url}feed/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200


def test_page_advertises_the_feed(blog, client):
    blog = publish(blog, numbered_updates(1))
    html = client.get(blog.url).content.decode()
    link = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html)
    assert link is not None
    assert f'href="{blog.url}feed/"' in link.group(0)


def test_private_blog_keeps_its_feed_private(blog, client):
    blog = publish(blog, [update("Secret plans")])
    PageViewRestriction.objects.create(
        page=blog, restriction_type=PageViewRestriction.PASSWORD, password="hunter2"
    )
    response = client.get(f"{blog.url}feed/")
    assert b"Secret plans" not in response.content
    assert not response["Content-Type"].startswith("application/atom+xml")


def test_unpublished_updates_leave_the_feed_and_come_back(blog, client):
    items = numbered_updates(3)
    blog = publish(blog, items)
    _, before = read_feed(client, blog)
    target = LiveBlogUpdate.objects.get(pk=items[1]["id"])
    target.unpublish()
    parsed, response = read_feed(client, blog)
    assert [e.title for e in parsed.entries] == ["Update 3", "Update 1"]
    assert response["ETag"] != before["ETag"]
    # A reader holding the old ETag gets the new feed, not a 304.
    assert (
        client.get(f"{blog.url}feed/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code
        == 200
    )

    LiveBlogUpdate.objects.get(pk=target.pk).get_latest_revision().publish(
        user=editor()
    )
    parsed, _ = read_feed(client, blog)
    assert [e.title for e in parsed.entries] == ["Update 3", "Update 2", "Update 1"]


def test_drafts_and_scheduled_updates_are_not_in_the_feed(blog, client):
    blog = publish(blog, numbered_updates(2))
    post(blog, "Draft", publish=False)
    post(blog, "Scheduled", go_live_at=timezone.now() + timedelta(hours=1))
    parsed, _ = read_feed(client, blog)
    assert [e.title for e in parsed.entries] == ["Update 2", "Update 1"]
