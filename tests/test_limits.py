"""Issue 11, item 4: limits on one update and on the pinned updates shown.

``MAX_HEADLINE_LENGTH``, ``MAX_BLOCKS`` and ``MAX_BODY_LENGTH`` are checked
by the editing API (which refuses input far over them before processing
it) and by the update model's validation (so the desk's forms refuse too),
each error naming the limit and its setting. ``MAX_PINNED``: every output
shows the newest pinned updates only, however many are pinned.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from tests.api_support import API, PAGES
from tests.factories import (
    BASE_TIME,
    LiveBlogPageFactory,
    editor,
    make_image,
    numbered_updates,
    publish,
    text,
)
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(1))


def post(page, **kwargs):
    kwargs.setdefault("headline", "Limits")
    return editing.post_update(page, user=editor(), **kwargs)


def messages(call) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages


def paragraphs(characters: int) -> list[dict]:
    """One text block of exactly ``characters`` characters of HTML."""
    return [{"type": "text", "value": "<p>" + "x" * (characters - 7) + "</p>"}]


# -- the editing API ---------------------------------------------------------------


def test_headline_length(live_blog):
    post(live_blog, headline="x" * 200)
    assert messages(lambda: post(live_blog, headline="x" * 201)) == [
        "headline: The headline has 201 characters; the limit is 200 "
        "(WAGTAIL_LIVEBLOG['MAX_HEADLINE_LENGTH'])."
    ]
    # Counted once cleaned: surrounding space and control characters go.
    post(live_blog, headline="  " + "x" * 200 + "\x0b  ")
    with override_settings(WAGTAIL_LIVEBLOG={"MAX_HEADLINE_LENGTH": 10}):
        post(live_blog, headline="x" * 10)
        [message] = messages(lambda: post(live_blog, headline="x" * 11))
        assert "the limit is 10" in message


def test_number_of_blocks(live_blog):
    block = {"type": "text", "value": "<p>x</p>"}
    post(live_blog, body=[block] * 30)
    assert messages(lambda: post(live_blog, body=[block] * 31)) == [
        "body: The body has 31 blocks; the limit is 30 (WAGTAIL_LIVEBLOG['MAX_BLOCKS'])."
    ]
    endless = iter(lambda: block, None)  # never ends: counting stops at 31
    assert messages(lambda: post(live_blog, body=endless)) == [
        "body: The body has at least 31 blocks; the limit is 30 "
        "(WAGTAIL_LIVEBLOG['MAX_BLOCKS'])."
    ]
    with override_settings(WAGTAIL_LIVEBLOG={"MAX_BLOCKS": 2}):
        post(live_blog, body=[block] * 2)
        assert (
            "the limit is 2" in messages(lambda: post(live_blog, body=[block] * 3))[0]
        )


def test_body_size(live_blog):
    post(live_blog, body=paragraphs(20_000))
    assert messages(lambda: post(live_blog, body=paragraphs(20_001))) == [
        "body: The body has 20001 characters, markup included; the limit is 20000 "
        "(WAGTAIL_LIVEBLOG['MAX_BODY_LENGTH'])."
    ]
    photo = make_image()
    image = {
        "type": "image",
        "value": {"image": photo.pk, "credit": "AP", "caption": "c" * 400},
    }
    quote = {"type": "quote", "value": {"text": "q" * 900, "attribution": "a" * 100}}
    with override_settings(WAGTAIL_LIVEBLOG={"MAX_BODY_LENGTH": 1_500}):
        # Captions, credits, quotes and their attributions count too.
        post(live_blog, body=[image, quote])  # 402 + 1,000 characters
        [message] = messages(lambda: post(live_blog, body=[image, quote, image]))
        assert message.startswith("body: The body has 1804 characters")


def test_body_size_counts_what_is_stored_not_what_is_sent(live_blog):
    """Markup the cleaning removes (pasted styles, scripts) does not count,
    up to four times the limit."""
    bloated = (
        '<p style="font-family: Calibri; mso-bidi: x">'
        + "x" * 5_000
        + "</p><script>"
        + "y" * 20_000
        + "</script>"
    )
    update_id = post(live_blog, body=[{"type": "text", "value": bloated}])
    stored = LiveBlogUpdate.objects.get(pk=update_id).body.raw_data[0]["value"]
    assert stored == "<p>" + "x" * 5_000 + "</p>"


def test_edits_and_imports_are_held_to_the_limits(live_blog):
    update_id = post(live_blog)
    for changes in (
        {"headline": "x" * 201},
        {"body": paragraphs(20_001)},
        {"body": [{"type": "text", "value": "<p>x</p>"}] * 31},
    ):
        with pytest.raises(ValidationError, match="WAGTAIL_LIVEBLOG"):
            editing.edit_update(live_blog, update_id, user=editor(), **changes)
        with pytest.raises(ValidationError, match="Update 1: .*WAGTAIL_LIVEBLOG"):
            editing.import_updates(live_blog, user=editor(), updates=[changes])
    assert LiveBlogUpdate.objects.get(pk=update_id).headline == "Limits"


def test_huge_input_is_refused_before_it_is_processed(live_blog, monkeypatch):
    """A 10 MB headline, byline, body or caption: refused without being
    cleaned or parsed (no 10 MB of work before saying no)."""
    seen: list[int] = []

    def watching(function):
        def watched(value, *args, **kwargs):
            seen.append(len(value))
            return function(value, *args, **kwargs)

        return watched

    from wagtail_liveblog import blocks
    from wagtail_liveblog.editing import rich_text
    from wagtail_liveblog.models import update

    for module, name in (
        (blocks, "strip_control_characters"),
        (update, "strip_control_characters"),
        (rich_text, "to_database_html"),
        (rich_text, "nesting_depth"),
    ):
        monkeypatch.setattr(module, name, watching(getattr(module, name)))
    huge = "x" * 10_000_000
    photo = make_image()
    for kwargs in (
        {"headline": huge},
        {"authors": [huge]},
        {"body": [{"type": "text", "value": f"<p>{huge}</p>"}]},
        {"body": [{"type": "quote", "value": {"text": huge}}]},
        {
            "body": [
                {
                    "type": "image",
                    "value": {"image": photo.pk, "credit": "AP", "caption": huge},
                }
            ]
        },
        {"body": [{"type": "embed", "value": huge}]},
    ):
        with pytest.raises(ValidationError):
            post(live_blog, **kwargs)
    assert max(seen, default=0) < 1_000


# -- the model: the desk's forms refuse too -------------------------------------


def test_the_model_validation_names_the_fields(live_blog):
    update = LiveBlogUpdate(
        blog=live_blog,
        headline="x" * 201,
        body=[text("<p>x</p>")] * 31,
    )
    with pytest.raises(ValidationError) as caught:
        update.full_clean()
    errors = caught.value.message_dict
    assert errors["headline"] == [
        "The headline has 201 characters; the limit is 200 "
        "(WAGTAIL_LIVEBLOG['MAX_HEADLINE_LENGTH'])."
    ]
    assert errors["body"] == [
        "The body has 31 blocks; the limit is 30 (WAGTAIL_LIVEBLOG['MAX_BLOCKS'])."
    ]
    update = LiveBlogUpdate(blog=live_blog, headline="ok", body=paragraphs(20_001))
    with pytest.raises(ValidationError) as caught:
        update.full_clean()
    assert list(caught.value.message_dict) == ["body"]
    # Within the limits: valid, as before.
    LiveBlogUpdate(blog=live_blog, headline="ok", body=paragraphs(20_000)).full_clean()
    with pytest.raises(ValidationError, match="needs a headline or some body"):
        LiveBlogUpdate(blog=live_blog).full_clean()


# -- pinned updates shown -----------------------------------------------------------


def pinned_ids(html: str) -> list[str]:
    return re.findall(r'id="pinned-update-([0-9a-f-]{36})"', html)


def blog_with_pins(home, pinned: int, total: int = 200):
    """A blog of ``total`` updates of 2,000 characters, the newest
    ``pinned`` of them pinned."""
    blog = publish(LiveBlogPageFactory(parent=home))
    editing.import_updates(
        blog,
        user=editor(),
        updates=[
            {
                "headline": f"Update {n}",
                "pinned": n > total - pinned,
                "body": paragraphs(2_000),
                "posted_at": BASE_TIME + timedelta(minutes=n),
            }
            for n in range(1, total + 1)
        ],
    )
    return blog


@pytest.fixture
def many_pinned(home):
    return blog_with_pins(home, 200)


def newest_pinned(blog, count: int) -> list[str]:
    return [
        str(pk)
        for pk in LiveBlogUpdate.objects.filter(blog=blog, pinned=True, live=True)
        .order_by("-posted_at")
        .values_list("pk", flat=True)[:count]
    ]


@pytest.mark.parametrize("shown", [3, 5])
def test_only_the_newest_pinned_updates_are_shown(many_pinned, client, shown):
    with override_settings(WAGTAIL_LIVEBLOG={"MAX_PINNED": shown}):
        expected = newest_pinned(many_pinned, shown)
        page = client.get(many_pinned.url).content.decode()
        assert pinned_ids(page) == expected
        detail = client.get(f"{API}/{many_pinned.pk}/").json()
        assert [item["id"] for item in detail["pinned"]] == expected
        fields = client.get(f"{PAGES}/{many_pinned.pk}/").json()
        assert [item["id"] for item in fields["pinned"]] == expected


def test_pins_do_not_grow_the_page(many_pinned, client, home):
    """200 pinned updates of 2,000 characters: the outputs weigh what three
    pinned ones do."""
    few = blog_with_pins(home, 3)
    for url in ("{url}", API + "/{pk}/", PAGES + "/{pk}/"):
        big = client.get(url.format(url=many_pinned.url, pk=many_pinned.pk))
        small = client.get(url.format(url=few.url, pk=few.pk))
        assert len(big.content) < 1.05 * len(small.content), url
