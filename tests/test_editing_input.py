"""What the editing API accepts: cleaning, and clear errors for everything
else. A wire feed or chat bot calling it must get a ``ValidationError`` for
a bad item, never another exception that stops it."""

from __future__ import annotations

import json
import math
import uuid
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_image, numbered_updates, publish
from wagtail_liveblog import editing
from wagtail_liveblog.editing.body import clean_body
from wagtail_liveblog.editing.errors import locations
from wagtail_liveblog.models import LiveBlogUpdate

User = get_user_model()


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", "chief@example.com", "pw")


@pytest.fixture
def live_blog(blog, chief):
    return publish(blog, numbered_updates(1), user=chief)


# -- rich text ----------------------------------------------------------------------


def test_rich_text_is_cleaned_to_the_allowed_features(live_blog, chief):
    update_id = editing.post_update(
        live_blog,
        user=chief,
        body=[
            {
                "type": "text",
                "value": '<p>Safe <b>bold</b><script>alert(1)</script></p><iframe src="x"></iframe>',
            }
        ],
    )
    html = LiveBlogUpdate.objects.get(pk=update_id).html
    assert "<b>bold</b>" in html
    assert "<script" not in html and "<iframe" not in html


ODD_HTML = [
    "<br>",
    "<img src=x>",
    "<img src=x onerror=alert(1)>",
    "<p>a</b></p>",
    "<div><p>x</div>",
    "<p",
    "</p>",
    "<<<>>>",
    "a < b & c",
    "\x00\x07",
    "<![CDATA[x]]><!-- note -->",
    "<ul><p>x</p><li><p>y</p></li></ul>",
    "<table><tr><td>cell</td></tr></table>",
    "<p><p><p>deep</p></p></p>",
    "<a href='http://x'><b>bold link</b></a>",
    "<scr<script>ipt>alert(1)</script>",
    "<svg><script>alert(1)</script></svg>",
    "<p style='color:red' class='x' onclick='y'>s</p>",
    '<p><a linktype="page" id="x">a page link with no page id</a></p>',
    "&nbsp;&amp;&#0;&#xD800;",
    "",
]


def text_of(html: str) -> str:
    """The text block's clean value for ``html``, as its database HTML."""
    return clean_body([{"type": "text", "value": html}])[0].value.source


@pytest.mark.parametrize("html", ODD_HTML)
def test_odd_html_is_cleaned_never_an_error(db, html):
    try:
        cleaned = text_of(html)
    except ValidationError as error:  # nothing left to show
        assert [(f.loc, f.message) for f in locations(error)] == [
            ((0, "value"), "This field is required.")
        ]
        return
    assert strip_tags(cleaned).strip()
    for forbidden in ("<script", "<img", "<div", "<table", "<svg", "onclick", "style="):
        assert forbidden not in cleaned
    assert "<p><p>" not in cleaned and "\x00" not in cleaned


def test_script_and_style_content_is_dropped_not_shown(db):
    html = "<p>Keep</p><script>alert(1)</script><style>p { color: red }</style>"
    assert text_of(html) == "<p>Keep</p>"


def test_allowed_features_survive_and_links_keep_web_and_mail_addresses(db):
    html = (
        "<p><b>b</b> <strong>s</strong> <i>i</i> <em>e</em>"
        ' <a href="https://example.com/x">web</a> <a href="mailto:a@example.com">mail</a>'
        ' <a href="javascript:alert(1)">js</a> <a href="ftp://x">ftp</a>'
        " line<br>break</p><ol><li>one</li></ol><ul><li>two</li></ul>"
    )
    cleaned = text_of(html)
    for kept in (
        "<b>b</b>",
        "<strong>s</strong>",
        "<i>i</i>",
        "<em>e</em>",
        '<a href="https://example.com/x">web</a>',
        '<a href="mailto:a@example.com">mail</a>',
        "<br/>",
        "<ol><li>one</li></ol>",
        "<ul><li>two</li></ul>",
    ):
        assert kept in cleaned
    assert "javascript" not in cleaned
    assert " js " in cleaned  # the link text stays, not the link


def test_deeply_nested_text_is_refused_not_a_crash(live_blog, chief):
    html = "<b>" * 1000 + "deep" + "</b>" * 1000
    with pytest.raises(ValidationError, match="nested more than 32 levels"):
        editing.post_update(
            live_blog, user=chief, body=[{"type": "text", "value": html}]
        )
    shallow = "<p>" + "<b>" * 10 + "fine" + "</b>" * 10 + "</p>"
    editing.post_update(
        live_blog, user=chief, body=[{"type": "text", "value": shallow}]
    )


def test_control_characters_are_removed_from_plain_text(live_blog, chief):
    update_id = editing.post_update(
        live_blog,
        user=chief,
        headline="Tab\x0bbed\x00 text\x1f",
        authors=["Ana\x0b Reyes\x00"],
    )
    update = LiveBlogUpdate.objects.get(pk=update_id)
    assert (update.headline, update.byline) == ("Tabbed text", "Ana Reyes")
    assert update.data["authors"] == [{"name": "Ana Reyes"}]


def test_control_characters_are_removed_from_captions_credits_and_quotes(
    live_blog, chief
):
    photo = make_image()
    update_id = editing.post_update(
        live_blog,
        user=chief,
        body=[
            {
                "type": "image",
                "value": {
                    "image": photo.pk,
                    "credit": "Reu\x0bters",
                    "caption": "Cap\x07tion",
                    "alt": "A\x0clt",
                },
            },
            {"type": "quote", "value": {"text": "Q\x0buote", "attribution": "W\x08ho"}},
        ],
    )
    image, quote = LiveBlogUpdate.objects.get(pk=update_id).body
    assert (image.value["credit"], image.value["caption"], image.value["alt"]) == (
        "Reuters",
        "Caption",
        "Alt",
    )
    assert (quote.value["text"], quote.value["attribution"]) == ("Quote", "Who")


# -- clear errors -------------------------------------------------------------------


NEEDS_CONTENT = "An update needs a headline or some body content."


@pytest.mark.parametrize(
    ("kwargs", "where", "message"),
    [
        ({}, ("body",), NEEDS_CONTENT),
        ({"headline": "   "}, ("body",), NEEDS_CONTENT),
        (
            {"body": [{"type": "image", "value": {"image": 987654, "credit": "AP"}}]},
            ("body", 0, "value", "image"),
            "You cannot use image 987654.",
        ),
        (
            {"body": [{"type": "video", "value": "x"}]},
            ("body", 0, "type"),
            "Use one of: text, image, quote, embed.",
        ),
        (
            {"body": [{"type": "image", "value": {"image": "abc", "credit": "AP"}}]},
            ("body", 0, "value", "image"),
            "An image is an image id, not 'abc'.",
        ),
        (
            {"body": [{"type": "quote", "value": {"text": "Hi", "who": "me"}}]},
            ("body", 0, "value", "who"),
            "Not a field of a quote: use text, attribution.",
        ),
        (
            {"body": [{"type": "text"}]},
            ("body", 0, "value"),
            "An item needs a value.",
        ),
        (
            {"body": ["<p>not an item</p>"]},
            ("body", 0),
            'An item is an object with a "type" and a "value".',
        ),
        (
            {"body": "<p>not a list</p>"},
            ("body",),
            'The body must be a list of {"type": …, "value": …} items.',
        ),
        (
            {"headline": "x" * 300},
            ("headline",),
            "The headline has 300 characters; the limit is 200 "
            "(WAGTAIL_LIVEBLOG['MAX_HEADLINE_LENGTH']).",
        ),
        (
            {"headline": "Hi", "posted_at": "yesterday"},
            ("posted_at",),
            "'yesterday' is not an ISO-8601 date and time.",
        ),
        (
            {"headline": "Hi", "posted_at": "9999-12-31T23:59:59Z"},
            ("posted_at",),
            "posted_at must be a date between the years 1900 and 9000.",
        ),
        (
            {"headline": "Hi", "posted_at": datetime.max},
            ("posted_at",),
            "posted_at must be a date between the years 1900 and 9000.",
        ),
        ({"headline": "Hi", "pinned": "yes"}, ("pinned",), "This is true or false."),
        ({"headline": "Hi", "pinned": 1}, ("pinned",), "This is true or false."),
        (
            {"headline": "Hi", "go_live_at": "soon"},
            ("go_live_at",),
            "'soon' is not an ISO-8601 date and time.",
        ),
        ({"headline": b"bytes"}, ("headline",), "This is text."),
    ],
)
def test_invalid_post_says_where_and_what_and_writes_nothing(
    live_blog, chief, kwargs, where, message
):
    before = LiveBlogUpdate.objects.count()
    with pytest.raises(ValidationError) as caught:
        editing.post_update(live_blog, user=chief, **kwargs)
    assert [(f.loc, f.message) for f in locations(caught.value)] == [(where, message)]
    # In words too, for logs and chat replies.
    assert caught.value.messages == [f"{readable_where(where)}: {message}"]
    assert LiveBlogUpdate.objects.count() == before


def readable_where(loc) -> str:
    return " › ".join(
        f"item {part + 1}" if isinstance(part, int) else part
        for part in loc
        if part != "value"
    )


def test_image_without_credit_names_the_field(live_blog, chief):
    photo = make_image()
    with pytest.raises(ValidationError) as caught:
        editing.post_update(
            live_blog,
            user=chief,
            body=[
                {"type": "text", "value": "<p>First</p>"},
                {"type": "image", "value": {"image": photo.pk}},
            ],
        )
    assert [(f.loc, f.message, f.code) for f in locations(caught.value)] == [
        (("body", 1, "value", "credit"), "This field is required.", "required")
    ]
    assert caught.value.messages == ["body › item 2 › credit: This field is required."]


def test_edit_rejects_unknown_fields(live_blog, chief):
    update_id = editing.post_update(live_blog, user=chief, headline="x")
    with pytest.raises(ValidationError) as caught:
        editing.edit_update(live_blog, update_id, user=chief, colour="red")
    assert caught.value.messages == [
        "colour: Not a field of an update: use headline, body, pinned, key_event, "
        "authors, posted_at."
    ]


# -- fuzz: anything at all in, a ValidationError (or success) out ------------------------

ODD_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.binary(max_size=10),
    st.sampled_from(
        [
            "<b>" * 200,
            "\x0b\x00\ud7ff",
            "9999-12-31T23:59:59+14:00",
            "0001-01-01",
            "2026-02-30T10:00",
            str(uuid.uuid4()),
            math.inf,
            datetime.min,
            datetime.max,
            timedelta(days=1),
            object(),
            {1, 2},
        ]
    ),
)
JSONISH = st.recursive(
    ODD_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=8), st.integers()), inner, max_size=4
        ),
    ),
    max_leaves=12,
)
BODY_ITEM = st.fixed_dictionaries(
    {"type": st.sampled_from(["text", "image", "quote", "embed", "", None, 3])},
    optional={"value": JSONISH, "id": JSONISH},
)
AUTHOR = st.one_of(
    JSONISH,
    st.fixed_dictionaries({"user": st.one_of(JSONISH, st.integers(1, 5))}),
    st.fixed_dictionaries({"name": JSONISH}),
)
POST_KWARGS = st.fixed_dictionaries(
    {},
    optional={
        "headline": JSONISH,
        "body": st.one_of(JSONISH, st.lists(BODY_ITEM, max_size=4)),
        "pinned": JSONISH,
        "key_event": JSONISH,
        "authors": st.one_of(JSONISH, st.lists(AUTHOR, max_size=3)),
        "posted_at": JSONISH,
        "publish": JSONISH,
        "go_live_at": JSONISH,
    },
)
# How many examples: the "dev" or "ci" profile (tests/conftest.py).
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def state(blog) -> list:
    """Everything a refused call must leave as it was."""
    from wagtail.models import Revision

    rows = LiveBlogUpdate.objects.filter(blog_id=blog.pk).order_by("pk")
    fields = ("pk", "live", "headline", "pinned", "key_event")
    fields += ("posted_at", "latest_revision_id", "changed_version")
    return [
        [
            (
                *(getattr(row, name) for name in fields),
                [(author.user_id, author.name) for author in row.authors.all()],
                json.dumps(list(row.body.raw_data), sort_keys=True, default=str),
            )
            for row in rows
        ],
        Revision.objects.count(),
    ]


def assert_sound(update_id) -> None:
    """An accepted input left an update that passes the model's own
    validation and renders; a published one has its read model."""
    from wagtail_liveblog.readmodel.render import render_update_html

    update = LiveBlogUpdate.objects.get(pk=update_id)
    latest = update.get_latest_revision_as_object()
    latest.full_clean()
    assert render_update_html(latest).strip()
    if update.live:
        update.full_clean()
        assert update.data["id"] == str(update.pk) and update.html.strip()


@FUZZ
@given(kwargs=POST_KWARGS)
def test_any_post_input_is_accepted_soundly_or_refused_writing_nothing(
    live_blog, chief, kwargs
):
    before = state(live_blog)
    try:
        update_id = editing.post_update(live_blog, user=chief, **kwargs)
    except ValidationError:
        assert state(live_blog) == before
    else:
        assert_sound(update_id)


@FUZZ
@given(changes=POST_KWARGS, update_id=st.one_of(JSONISH, st.just("known")))
def test_any_edit_input_is_accepted_soundly_or_refused_changing_nothing(
    live_blog, chief, changes, update_id
):
    if update_id == "known":
        update_id = LiveBlogUpdate.objects.filter(blog_id=live_blog.pk).values_list(
            "pk", flat=True
        )[0]
    changes.pop("go_live_at", None)
    before = state(live_blog)
    try:
        editing.edit_update(live_blog, update_id, user=chief, **changes)
    except ValidationError:
        assert state(live_blog) == before
    else:
        assert_sound(update_id)


@FUZZ
@given(updates=st.one_of(JSONISH, st.lists(POST_KWARGS, max_size=3)))
def test_any_import_input_is_accepted_soundly_or_refused_writing_nothing(
    live_blog, chief, updates
):
    if isinstance(updates, list):
        for item in updates:
            if isinstance(item, dict):
                item.pop("publish", None)
                item.pop("go_live_at", None)
    before = state(live_blog)
    try:
        ids = editing.import_updates(live_blog, user=chief, updates=updates)
    except ValidationError:
        assert state(live_blog) == before
    else:
        assert len(ids) == len(updates)
        for update_id in ids:
            assert_sound(update_id)
