"""schema.org LiveBlogPosting JSON-LD on the reader page, read with extruct
the way a search engine's parser would, plus the script-escaping guarantee."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import extruct
import pytest
from django.utils import timezone

from tests.factories import (
    BASE_TIME,
    editor,
    image,
    make_image,
    numbered_updates,
    publish,
    quote,
    text,
    update,
)
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.reader.jsonld import dumps_for_script

pytestmark = pytest.mark.django_db

ARTICLE = re.compile(r'<article id="update-([0-9a-f-]{36})"')


def structured(client, url: str) -> tuple[list[dict], str]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    data = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])
    return data["json-ld"], html


def only_posting(items: list[dict]) -> dict:
    postings = [i for i in items if i.get("@type") == "LiveBlogPosting"]
    assert len(postings) == 1, items
    return postings[0]


def test_live_blog_posting_matches_the_updates_shown(blog, client):
    photo = make_image()
    items = numbered_updates(24)
    items[0]["value"].update(
        headline="Bridge closed",
        author="Sam Reporter",
        body=[
            text("<p>The <b>bridge</b> at Millbrook is under water.</p>"),
            image(photo, credit="Reuters", caption="The bridge at noon"),
            quote("Never seen it this high.", "Mayor Ana Reyes"),
        ],
    )
    blog.search_description = "Storm coverage from Millbrook."
    blog.coverage_start = BASE_TIME
    blog = publish(blog, items)
    # Updates carry the poster's name unless the byline is cleared; an
    # update may credit several authors.
    editing.edit_update(blog, items[2]["id"], user=editor(), authors=[])
    editing.edit_update(
        blog, items[1]["id"], user=editor(), authors=["Sam Reporter", "Ana Reyes"]
    )

    found, html = structured(client, blog.url)
    posting = only_posting(found)
    page_url = "http://localhost" + blog.url
    assert posting["@context"] == "https://schema.org"
    assert posting["@id"] == f"{page_url}#liveblog"
    assert posting["mainEntityOfPage"] == {"@type": "WebPage", "@id": page_url}
    assert posting["headline"] == blog.title
    assert posting["description"] == "Storm coverage from Millbrook."
    assert posting["url"] == page_url
    assert posting["publisher"] == {"@type": "Organization", "name": "Test site"}
    # The page's picture: the newest update shown with one.
    assert posting["image"] == updates_image(posting)
    assert posting["author"] == [
        {"@type": "Person", "name": "Sam Reporter"},
        {"@type": "Person", "name": "Ana Reyes"},
        {"@type": "Person", "name": "test-editor"},
    ]
    assert posting["coverageStartTime"] == "2026-03-14T09:00:00Z"
    assert "coverageEndTime" not in posting
    assert posting["datePublished"] == blog.first_published_at.isoformat().replace(
        "+00:00", "Z"
    )

    shown = ARTICLE.findall(html)
    updates = posting["liveBlogUpdate"]
    assert len(shown) == 20
    # Every update's URL is its share link, which finds it wherever it is.
    assert [u["url"] for u in updates] == [
        f"{page_url}?update={i}#update-{i}" for i in shown
    ]
    assert [u["@id"] for u in updates] == [u["url"] for u in updates]
    assert all(u["@type"] == "BlogPosting" for u in updates)

    newest = updates[0]
    assert newest["headline"] == "Bridge closed"
    assert newest["datePublished"] == "2026-03-14T09:24:00Z"
    assert newest["dateModified"] == "2026-03-14T09:24:00Z"
    assert newest["author"] == {"@type": "Person", "name": "Sam Reporter"}
    assert newest["articleBody"] == (
        "The bridge at Millbrook is under water.\n\nThe bridge at noon"
        "\n\n“Never seen it this high.” — Mayor Ana Reyes"
    )
    assert newest["image"].startswith("http://localhost/")  # the site's host
    assert newest["image"].endswith(".png")
    assert "image" not in updates[1]
    assert updates[1]["author"] == [
        {"@type": "Person", "name": "Sam Reporter"},
        {"@type": "Person", "name": "Ana Reyes"},
    ]
    assert updates[1]["articleBody"] == "Update 23"
    assert "author" not in updates[2]
    assert updates[3]["author"] == {"@type": "Person", "name": "test-editor"}


def updates_image(posting: dict) -> str:
    return next(u["image"] for u in posting["liveBlogUpdate"] if "image" in u)


def test_date_modified_follows_the_newest_edit(blog, client):
    items = numbered_updates(2)
    blog = publish(blog, items)
    items[1]["value"]["headline"] = "Update 1 (corrected)"
    items[1]["value"]["body"] = [text("<p>Corrected.</p>")]
    blog = publish(blog, items)

    posting = only_posting(structured(client, blog.url)[0])
    edited = next(u for u in posting["liveBlogUpdate"] if "corrected" in u["headline"])
    assert edited["dateModified"] > edited["datePublished"]
    assert posting["dateModified"] >= edited["dateModified"]


def test_coverage_end_time_only_once_ended(blog, client):
    blog.coverage_start = timezone.now() - timedelta(hours=3)
    blog.coverage_end = timezone.now() + timedelta(hours=1)
    blog = publish(blog, numbered_updates(1))
    assert "coverageEndTime" not in only_posting(structured(client, blog.url)[0])

    ended = timezone.now() - timedelta(minutes=5)
    blog.coverage_end = ended
    blog = publish(blog)
    posting = only_posting(structured(client, blog.url)[0])
    assert posting["coverageEndTime"] == ended.isoformat().replace("+00:00", "Z")


def test_permalink_window_uses_share_links(blog, client):
    items = numbered_updates(30)
    blog = publish(blog, items)
    oldest = items[-1]["id"]
    posting = only_posting(structured(client, f"{blog.url}?update={oldest}")[0])
    urls = [u["url"] for u in posting["liveBlogUpdate"]]
    assert f"http://localhost{blog.url}?update={oldest}#update-{oldest}" in urls


def test_headline_cannot_break_out_of_the_script(blog, client):
    evil = '</script><script>alert("x")</script> & \u2028 \u2029 end'
    blog = publish(blog, [update(evil, body=[text("<p>Body</p>")])])
    response = client.get(blog.url)
    html = response.content.decode()

    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    )
    assert script is not None
    raw = script.group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\u2028" not in raw
    # The whole JSON survived inside one script element and reads back intact.
    assert json.loads(raw)["liveBlogUpdate"][0]["headline"] == evil
    assert "<script>alert" not in html


def test_dumps_for_script_escapes_markup_characters():
    dumped = dumps_for_script({"a": "<b> & </script>\u2028\u2029"})
    assert dumped == (
        '{"a":"\\u003Cb\\u003E \\u0026 \\u003C/script\\u003E\\u2028\\u2029"}'
    )
    assert json.loads(dumped) == {"a": "<b> & </script>\u2028\u2029"}


# -- page-level properties: description, publisher, image, author ---------------


def test_the_key_points_are_the_description(blog, client):
    blog.search_description = "Storm coverage from Millbrook."
    blog.summary = (
        "<ul><li>Roads closed</li><li>Schools shut &amp; buses stopped.</li></ul>"
    )
    blog = publish(blog, numbered_updates(1))
    posting = only_posting(structured(client, blog.url)[0])
    assert posting["description"] == "Roads closed. Schools shut & buses stopped."
    # Without key points: the search description, else the intro as text.
    blog.summary = ""
    blog = publish(blog)
    assert only_posting(structured(client, blog.url)[0])["description"] == (
        "Storm coverage from Millbrook."
    )
    blog.search_description = ""
    blog = publish(blog)
    assert only_posting(structured(client, blog.url)[0])["description"] == (
        "Follow the storm as it happens."
    )


def test_publisher_from_the_setting_with_its_logo(blog, client, settings):
    blog = publish(blog, numbered_updates(1))
    settings.WAGTAIL_LIVEBLOG = {
        "PUBLISHER": {"name": "The Courier", "logo": "/static/courier.png"}
    }
    posting = only_posting(structured(client, blog.url)[0])
    assert posting["publisher"] == {
        "@type": "Organization",
        "name": "The Courier",
        "logo": {"@type": "ImageObject", "url": "http://localhost/static/courier.png"},
    }
    settings.WAGTAIL_LIVEBLOG = {"PUBLISHER": {"name": "The Courier"}}
    posting = only_posting(structured(client, blog.url)[0])
    assert posting["publisher"] == {"@type": "Organization", "name": "The Courier"}


def test_publisher_is_the_sites_name_by_default(blog, client):
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(site_name="Valley News")
    blog = publish(blog, numbered_updates(1))
    posting = only_posting(structured(client, blog.url)[0])
    assert posting["publisher"] == {"@type": "Organization", "name": "Valley News"}


def test_the_pinned_picture_is_the_pages_image(blog, client):
    items = numbered_updates(3)
    items[0]["value"]["body"] = [image(make_image("Newest"), credit="AP")]
    items[2]["value"].update(pinned=True, body=[image(make_image("Pinned"))])
    blog = publish(blog, items)
    posting = only_posting(structured(client, blog.url)[0])
    pinned = next(u for u in posting["liveBlogUpdate"] if items[2]["id"] in u["url"])
    assert posting["image"] == pinned["image"]
    assert posting["image"].startswith("http://localhost/")


def test_without_bylines_the_publisher_is_the_author(blog, client):
    blog = publish(blog, numbered_updates(2))
    for update_id in [u.pk for u in blog.liveblog_updates.all()]:
        editing.edit_update(blog, update_id, user=editor(), authors=[])
    posting = only_posting(structured(client, blog.url)[0])
    assert posting["author"] == posting["publisher"]


# -- every view --------------------------------------------------------------------


@pytest.mark.parametrize("query", ["?filter=key-events", "?order=oldest"])
def test_every_view_lists_the_updates_it_shows(blog, client, query):
    items = numbered_updates(25)
    for item in items[::5]:
        item["value"]["key_event"] = True
    blog = publish(blog, items)
    found, html = structured(client, f"{blog.url}{query}")
    posting = only_posting(found)
    shown = ARTICLE.findall(html)
    assert shown
    page_url = "http://localhost" + blog.url
    assert [u["url"] for u in posting["liveBlogUpdate"]] == [
        f"{page_url}?update={i}#update-{i}" for i in shown
    ]
    assert posting["url"] == page_url


# -- videos --------------------------------------------------------------------------


def test_an_embedded_video_is_a_video_object(blog, client):
    blog = publish(blog, numbered_updates(1))
    update_id = editing.post_update(
        blog,
        user=editor(),
        headline="Watch the breach",
        body=[
            {"type": "text", "value": "<p>Footage from the levee.</p>"},
            {"type": "embed", "value": "https://video.example/watch/levee"},
            {"type": "embed", "value": "https://social.example/mayor/status/1"},
        ],
    )
    posting = only_posting(structured(client, blog.url)[0])
    update = next(u for u in posting["liveBlogUpdate"] if update_id in u["url"])
    posted = LiveBlogUpdate.objects.get(pk=update_id).posted_at
    assert update["video"] == {
        "@type": "VideoObject",
        "name": "Levee breach at Elm Street",
        "url": "https://video.example/watch/levee",
        "uploadDate": posted.isoformat().replace("+00:00", "Z"),
        "embedUrl": "https://video.example/embed/levee",
        "thumbnailUrl": "https://video.example/thumbs/levee.jpg",
        "publisher": {"@type": "Organization", "name": "ExampleTube"},
    }
    # A social post is not a video.
    assert "social.example" not in json.dumps(update["video"])
    others = [u for u in posting["liveBlogUpdate"] if u is not update]
    assert all("video" not in u for u in others)
