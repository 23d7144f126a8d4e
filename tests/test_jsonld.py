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
    # Updates carry the poster's name unless the byline is cleared.
    editing.edit_update(blog, items[2]["id"], user=editor(), author="")

    found, html = structured(client, blog.url)
    posting = only_posting(found)
    page_url = "http://localhost" + blog.url
    assert posting["@context"] == "https://schema.org"
    assert posting["headline"] == blog.title
    assert posting["description"] == "Storm coverage from Millbrook."
    assert posting["url"] == page_url
    assert posting["coverageStartTime"] == "2026-03-14T09:00:00Z"
    assert "coverageEndTime" not in posting
    assert posting["datePublished"] == blog.first_published_at.isoformat().replace(
        "+00:00", "Z"
    )

    shown = ARTICLE.findall(html)
    updates = posting["liveBlogUpdate"]
    assert len(shown) == 20
    assert [u["url"] for u in updates] == [f"{page_url}#update-{i}" for i in shown]
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
    assert newest["image"].startswith("http://testserver/")
    assert newest["image"].endswith(".png")
    assert "image" not in updates[1]
    assert updates[1]["author"] == {"@type": "Person", "name": "test-editor"}
    assert updates[1]["articleBody"] == "Update 23"
    assert "author" not in updates[2]


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
