"""Issue 11, items 2 and 3: bad input and bad rows never break a reader.

- The Atom feed is well-formed whatever the stored data: control characters
  (a vertical tab pasted from a word processor) are removed when text comes
  in, and again when the feed is written, so rows written before that fix
  or by raw SQL cannot make ``feed/`` answer 500 for everyone.
- Every malformed input to ``wagtail_liveblog.editing`` raises
  ``ValidationError`` (or is accepted), never another exception: a generated
  table of hostile values for every argument of every call (the hypothesis
  fuzz in ``test_editing_input.py`` explores further at random).
"""

from __future__ import annotations

import itertools
import math
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from wagtail.models import Page

from tests.factories import editor, make_image, numbered_updates, publish
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db

CONTROL = "\x0b\x00\x01\x08\x0c\x1b\x7f"
# What a row can hold: PostgreSQL refuses NUL in text, SQLite keeps it.
STORABLE = CONTROL if connection.vendor == "sqlite" else CONTROL.replace("\x00", "")


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(2))


def assert_well_formed_feed(client, page) -> feedparser.FeedParserDict:
    response = client.get(f"{page.url}feed/")
    assert response.status_code == 200
    # Raises on XML that is not well-formed (our own output, not untrusted).
    ET.fromstring(response.content)  # noqa: S314
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


# -- item 2: control characters and the feed ------------------------------------


def test_a_vertical_tab_in_a_headline_leaves_the_feed_well_formed(live_blog, client):
    update_id = editing.post_update(
        live_blog, user=editor(), headline="Storm\x0bsurge", authors=["Ana\x0bReyes"]
    )
    row = LiveBlogUpdate.objects.get(pk=update_id)
    assert (row.headline, row.byline) == ("Stormsurge", "AnaReyes")
    parsed = assert_well_formed_feed(client, live_blog)
    assert parsed.entries[0].title == "Stormsurge"


def test_the_feed_survives_control_characters_already_stored(live_blog, client):
    """Rows written before input was cleaned, or by raw SQL: every text the
    feed carries (title, byline, content, the blog's title and intro)."""
    rows = LiveBlogUpdate.objects.filter(blog_id=live_blog.pk)
    table = connection.ops.quote_name(LiveBlogUpdate._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET headline = %s, html = %s",  # noqa: S608
            [f"Bad{STORABLE}headline", f"<p>Bad{STORABLE}html</p>"],
        )
    for pk, data in rows.values_list("pk", "data"):  # the stored byline
        rows.filter(pk=pk).update(data={**data, "author": f"By{STORABLE}line"})
    Page.objects.filter(pk=live_blog.pk).update(title=f"Storm{STORABLE}live")
    type(live_blog).objects.filter(pk=live_blog.pk).update(
        intro=f"<p>Intro{STORABLE}</p>", search_description=f"About{STORABLE}"
    )
    assert rows.filter(headline__contains="\x0b").count() == 2
    parsed = assert_well_formed_feed(client, live_blog)
    assert [entry.title for entry in parsed.entries] == ["Badheadline"] * 2
    assert parsed.entries[0].author == "Byline"
    assert "Badhtml" in parsed.entries[0].content[0].value
    assert parsed.feed.title == "Stormlive"


def test_an_untitled_update_with_control_characters_in_its_text(live_blog, client):
    """With no headline the entry's title comes from the text."""
    update_id = editing.post_update(
        live_blog, user=editor(), body=[{"type": "text", "value": "<p>First</p>"}]
    )
    LiveBlogUpdate.objects.filter(pk=update_id).update(
        html=f"<p>Fi{STORABLE}rst words</p>",
        data={"body": [{"type": "text", "value": f"<p>Fi{STORABLE}rst words</p>"}]},
    )
    parsed = assert_well_formed_feed(client, live_blog)
    assert "\x0b" not in str(parsed.entries[0])


# -- item 3: every malformed input is a ValidationError ---------------------------

DEEP = "<b>" * 1000 + "deep" + "</b>" * 1000
HUGE = "x" * 10_000_000
HOSTILE = [
    None,
    True,
    0,
    -1,
    2**70,
    math.nan,
    math.inf,
    Decimal("1e999"),
    "",
    " ",
    CONTROL,
    "\ud800",  # a lone surrogate: not encodable as UTF-8
    "<b>" * 1000,
    DEEP,
    HUGE,
    b"bytes",
    [],
    [None],
    {},
    {"type": "text"},
    object(),
    {1, 2},
    "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00",
    "2026-02-30T10:00:00",
    datetime.max,
    datetime.min,
    datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    date(2026, 3, 14),
    timedelta(days=1),
    str(uuid.uuid4()),
    uuid.uuid4(),
]
TEXT = "text"
BODIES = [
    [{"type": TEXT, "value": DEEP}],
    [{"type": TEXT, "value": "<ul>" * 400 + "<li>x</li>" + "</ul>" * 400}],
    [{"type": TEXT, "value": "<a href='http://x'>" * 500 + "x"}],
    [{"type": TEXT, "value": "<p>" + HUGE + "</p>"}],
    [{"type": TEXT, "value": "<p>x</p>"}] * 1000,
    ({"type": TEXT, "value": "<p>x</p>"} for _ in itertools.count()),
    [{"type": "quote", "value": {"text": HUGE, "attribution": CONTROL}}],
    [{"type": "quote", "value": {"text": DEEP}}],
    [{"type": "image", "value": {"image": 2**70, "credit": "AP"}}],
    [{"type": "image", "value": {"image": -1, "credit": "AP"}}],
    [{"type": "image", "value": {"image": math.nan, "credit": "AP"}}],
    [{"type": "image", "value": {"image": "1", "credit": HUGE}}],
    [{"type": "embed", "value": HUGE}],
    [{"type": "embed", "value": {"url": ["x"]}}],
    [{"type": TEXT, "value": {"nested": {"deeper": [DEEP]}}}],
    [{"type": TEXT, "value": "<p>x</p>", "id": HUGE}],
]
POST_FIELDS = (
    "headline",
    "body",
    "pinned",
    "key_event",
    "authors",
    "posted_at",
    "publish",
    "go_live_at",
)


def cases():
    for field in POST_FIELDS:
        for value in HOSTILE:
            yield field, value
    for body in BODIES:
        yield "body", body


CALLS = itertools.count()


def attempt(call) -> None:
    """``call()`` is accepted or refused with a ValidationError; any other
    exception fails the test."""
    next(CALLS)
    try:
        call()
    except ValidationError as error:
        assert error.messages  # says what is wrong
        assert all(isinstance(message, str) for message in error.messages)


def test_every_hostile_argument_of_every_call(live_blog):
    user = editor()
    known = str(LiveBlogUpdate.objects.filter(blog_id=live_blog.pk).first().pk)
    first = next(CALLS)
    for field, value in cases():
        if isinstance(value, type(x for x in ())):
            value = ({"type": TEXT, "value": "<p>x</p>"} for _ in itertools.count())
        values = {"headline": "Hostile"} if field != "headline" else {}
        values[field] = value
        attempt(lambda v=values: editing.post_update(live_blog, user=user, **v))
        if field != "go_live_at":
            attempt(
                lambda v=values: editing.edit_update(live_blog, known, user=user, **v)
            )
        if field not in ("publish", "go_live_at"):
            attempt(
                lambda v=values: editing.import_updates(
                    live_blog, user=user, updates=[v]
                )
            )
    for value in HOSTILE:
        for call in (editing.edit_update, editing.remove_update):
            attempt(lambda c=call, v=value: c(live_blog, v, user=user))
        attempt(lambda v=value: editing.import_updates(live_blog, user=user, updates=v))
        attempt(
            lambda v=value: editing.import_updates(
                live_blog, user=user, updates=[{"id": v, "headline": "x"}]
            )
        )
        attempt(lambda v=value: editing.post_update(v, user=user, headline="x"))
    assert next(CALLS) - first > 850  # calls made


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"body": [{"type": TEXT, "value": DEEP}]},
            "nested more than 32 levels deep",
        ),
        ({"posted_at": "9999-12-31T23:59:59Z"}, "between the years 1900 and 9000"),
        ({"posted_at": datetime(9999, 12, 31, tzinfo=UTC)}, "between the years"),
        ({"headline": HUGE}, "MAX_HEADLINE_LENGTH"),
    ],
    ids=["1000 nested <b>", "posted_at 9999 (text)", "posted_at 9999", "10 MB"],
)
def test_the_issues_examples_are_validation_errors(live_blog, kwargs, message):
    kwargs.setdefault("headline", "Hostile")
    with pytest.raises(ValidationError) as caught:
        editing.post_update(live_blog, user=editor(), **kwargs)
    assert any(message in text for text in caught.value.messages)
    assert LiveBlogUpdate.objects.filter(blog_id=live_blog.pk).count() == 2


def test_an_image_with_a_huge_caption_is_refused(live_blog):
    photo = make_image()
    with pytest.raises(ValidationError):
        editing.post_update(
            live_blog,
            user=editor(),
            body=[
                {
                    "type": "image",
                    "value": {"image": photo.pk, "credit": "AP", "caption": HUGE},
                }
            ],
        )
