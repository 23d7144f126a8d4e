"""Videos and social media posts in an update (the ``embed`` body block),
found through Wagtail's oEmbed finders (a local table in the tests)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.factories import editor, numbered_updates, publish
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate

VIDEO = "https://video.example/watch/levee"
POST = "https://social.example/mayor/status/1"


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(1))


def post_embed(page, *urls) -> LiveBlogUpdate:
    update_id = editing.post_update(
        page,
        user=editor(),
        headline="Watch",
        body=[
            {"type": "text", "value": "<p>Footage from the levee:</p>"},
            *({"type": "embed", "value": url} for url in urls),
        ],
    )
    return LiveBlogUpdate.objects.get(pk=update_id)


def test_a_video_is_shown_responsively_in_its_place(live_blog, client):
    update = post_embed(live_blog, VIDEO)
    assert 'src="https://video.example/embed/levee"' in update.html
    assert "liveblog-embed--video" in update.html
    assert "aspect-ratio: 640 / 360" in update.html  # keeps its shape at any width
    assert update.html.index("Footage from the levee") < update.html.index("iframe")
    assert "video.example/embed/levee" in client.get(live_blog.url).content.decode()


def test_the_api_gives_the_link_and_the_html(live_blog):
    update = post_embed(live_blog, VIDEO, POST)
    video, social = update.data["body"][1:]
    assert video["type"] == "embed"
    assert video["value"]["url"] == VIDEO
    assert video["value"]["type"] == "video"
    assert video["value"]["html"].startswith("<iframe")
    assert video["value"]["thumbnail_url"] == "https://video.example/thumbs/levee.jpg"
    assert (video["value"]["width"], video["value"]["height"]) == (640, 360)
    assert social["value"] == {
        "url": POST,
        "html": social["value"]["html"],
        "type": "rich",
        "title": "",
        "provider_name": "ExampleSocial",
        "thumbnail_url": None,
        "width": 550,
        "height": None,
    }


def test_an_embed_may_be_given_as_a_dict(live_blog):
    update_id = editing.post_update(
        live_blog, user=editor(), body=[{"type": "embed", "value": {"url": VIDEO}}]
    )
    assert LiveBlogUpdate.objects.get(pk=update_id).body[0].value.url == VIDEO


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://unknown.example/x", "Cannot find an embed for this URL."),
        ("not a link", "body › item 1: Cannot find an embed for this URL."),
        (42, "An embed value is a link"),
        ({"link": VIDEO}, "An embed value is a link"),
    ],
)
def test_a_link_without_an_embed_is_a_clear_error(live_blog, value, message):
    with pytest.raises(ValidationError) as caught:
        editing.post_update(
            live_blog, user=editor(), body=[{"type": "embed", "value": value}]
        )
    assert any(message in text for text in caught.value.messages), caught.value.messages
