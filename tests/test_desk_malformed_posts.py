"""Issue 11, item 5: the desk answers malformed POSTs with form errors or a
4xx, never a 500.

A generated table of malformed submissions — every field of the quick
composer and of Wagtail's create and edit views given hostile values, block
counts and types that are not numbers or blocks, fields left out, dates no
calendar holds, text over the limits — posted to each of the desk's POST
endpoints (composer, full editor create and edit, toggles, row actions,
the composer's preview, coverage, lock, unlock, unpublish, delete). Django's test client raises whatever a view
raises, so a 500 fails the test with its traceback. Accepted submissions
still respect the limits; refused ones leave everything as it was.
"""

from __future__ import annotations

import uuid

import pytest
from wagtail.models import Revision
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from tests.desk_support import para, url
from tests.factories import make_image, numbered_updates, publish, published_updates
from wagtail_liveblog import conf
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db

OK = {200, 302, 400, 403, 404, 405}

HOSTILE_VALUES = [
    "",
    " ",
    "\x00",
    "\x0b\x0c",
    "\ufffe",
    "<script>alert(1)</script>",
    "<b>" * 1000,
    "x" * 201,
    "x" * 100_000,
    "-1",
    "0",
    "1e309",
    "99999999999999999999999",
    "nan",
    "null",
    "[]",
    "{}",
    '{"blocks": 1}',
    '{"blocks": [{"type": "atomic", "text": "x"}], "entityMap": {"0": []}}',
    "9999-12-31 23:59",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01 00:00",
    "0000-00-00 00:00",
    "2026-02-30 10:00",
    "on",
    "true",
    "video",
    str(uuid.uuid4()),
]


def composer_form(image) -> dict:
    data = nested_form_data(
        {
            "composer": {
                "headline": "Hostile",
                "body": streamfield(
                    [
                        para("Typed"),
                        (
                            "image",
                            {
                                "image": image.pk,
                                "caption": "c",
                                "credit": "AP",
                                "alt": "",
                            },
                        ),
                        ("quote", {"text": "Q", "attribution": "W"}),
                    ]
                ),
            }
        }
    )
    data["composer-action"] = "publish"
    data["composer-author_names"] = "AP, Our correspondent"
    data["composer-go_live_at"] = ""
    return data


def full_form(image) -> dict:
    data = nested_form_data(
        {
            "headline": "Hostile",
            "body": streamfield(
                [
                    para("Typed"),
                    (
                        "image",
                        {"image": image.pk, "caption": "c", "credit": "AP", "alt": ""},
                    ),
                    ("quote", {"text": "Q", "attribution": "W"}),
                ]
            ),
            "authors": inline_formset([{"name": "Ana Reyes"}]),
            "posted_at": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data["action-publish"] = "1"
    return data


def mutations(valid: dict):
    """Each field given each hostile value, each field left out, extra
    block fields and counts, one at a time."""
    for key in valid:
        for value in HOSTILE_VALUES:
            yield f"{key}={value[:20]!r}", {**valid, key: value}
        yield f"without {key}", {k: v for k, v in valid.items() if k != key}
    prefix = next(key for key in valid if key.endswith("body-count"))[: -len("count")]
    for extra in (
        {f"{prefix}count": "1000"},
        {f"{prefix}count": "-5"},
        {f"{prefix}3-type": "text", f"{prefix}3-value": "x", f"{prefix}count": "4"},
        {f"{prefix}0-type": "image"},
        {f"{prefix}1-type": "text"},
        {f"{prefix}1-value-image": "99999999999999999999"},
        {f"{prefix}1-value-image": str(2**63)},
        {f"{prefix}0-order": "x", f"{prefix}1-order": "x"},
        {
            f"{prefix}0-deleted": "1",
            f"{prefix}1-deleted": "1",
            f"{prefix}2-deleted": "1",
        },
        {f"{prefix}count": str(conf.get("MAX_BLOCKS") + 1)}
        | {
            f"{prefix}{n}-{part}": value
            for n in range(3, conf.get("MAX_BLOCKS") + 1)
            for part, value in (
                ("type", "text"),
                ("value", rich_text("<p>more</p>")),
                ("deleted", ""),
                ("order", str(n)),
                ("id", str(uuid.uuid4())),
            )
        },
    ):
        yield f"body {sorted(extra)[:2]}", {**valid, **extra}


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(2))


def unschedule(update) -> None:
    """Leave ``update`` open for editing again (a mutation may schedule it)."""
    Revision.objects.filter(object_id=str(update.pk)).update(approved_go_live_at=None)
    LiveBlogUpdate.objects.filter(pk=update.pk).update(
        locked=False, locked_by=None, go_live_at=None, expire_at=None
    )


def assert_no_update_breaks_the_limits() -> None:
    for update in LiveBlogUpdate.objects.all():
        assert len(update.headline) <= conf.get("MAX_HEADLINE_LENGTH")
        assert len(update.body) <= conf.get("MAX_BLOCKS")
        assert "\x00" not in update.headline + update.byline


@pytest.mark.sweep  # hundreds of posts: .ci/run runs it
def test_the_composer(live_blog, admin_client):
    desk = url("desk", live_blog.pk)
    valid = composer_form(make_image())
    assert admin_client.post(desk, valid).status_code == 302  # the baseline posts
    tried = 0
    for label, data in mutations(valid):
        response = admin_client.post(desk, data)
        assert response.status_code in OK, label
        if response.status_code == 200:
            composer = response.context["composer"]
            assert composer.form.errors, label  # says what is wrong
        tried += 1
    assert tried > 300
    assert_no_update_breaks_the_limits()


@pytest.mark.sweep  # hundreds of posts: .ci/run runs it
def test_the_full_editors_create_and_edit_views(live_blog, admin_client):
    valid = full_form(make_image())
    add = f"{url('add')}?blog={live_blog.pk}"
    target = published_updates(live_blog)[0]
    edit = url("edit", target.pk)
    assert admin_client.post(add, valid).status_code == 302
    tried = 0
    # Both views take the same form: each mutation goes to one of them, in
    # turn (29 per field, so a value goes to the other view on the next
    # field): every hostile value reaches both.
    for number, (label, data) in enumerate(mutations(valid)):
        where = (add, edit)[number % 2]
        response = admin_client.post(where, data)
        assert response.status_code in OK, (where, label)
        if response.status_code == 200:
            # Form errors, or Wagtail's message (a scheduled update is
            # locked until its schedule is cancelled).
            refused = b"could not be" in response.content
            assert response.context["form"].errors or refused, (where, label)
        tried += 1
        unschedule(target)
    assert tried > 300
    assert_no_update_breaks_the_limits()


def test_limits_in_the_desks_forms(live_blog, admin_client):
    """The composer and the full editor refuse an update over the limits,
    naming the limit, and keep what was typed."""
    image = make_image()
    long_headline = "x" * (conf.get("MAX_HEADLINE_LENGTH") + 1)
    response = admin_client.post(
        url("desk", live_blog.pk),
        {**composer_form(image), "composer-headline": long_headline},
    )
    assert response.status_code == 200
    form = response.context["composer"].form
    assert "MAX_HEADLINE_LENGTH" in str(form.errors)
    assert form["headline"].value() == long_headline
    response = admin_client.post(
        f"{url('add')}?blog={live_blog.pk}",
        {**full_form(image), "headline": long_headline},
    )
    assert response.status_code == 200
    assert "MAX_HEADLINE_LENGTH" in str(response.context["form"].errors["headline"])
    assert not LiveBlogUpdate.objects.filter(headline=long_headline).exists()


def test_the_other_post_endpoints(live_blog, admin_client):
    target = published_updates(live_blog)[0]
    garbage = [
        {},
        {"next": "https://evil.example/"},
        {"next": "\x00"},
        {"csrfmiddlewaretoken": "x" * 5000},
        {"toggle": "pin", "pinned": "maybe"},
    ]
    endpoints = [
        url("toggle", target.pk, "pin"),
        url("toggle", target.pk, "key-event"),
        url("toggle", target.pk, "nonsense"),
        url("toggle", uuid.uuid4(), "pin"),
        url("start_coverage", live_blog.pk),
        url("end_coverage", live_blog.pk),
        url("start_coverage", 2**31),
        url("lock", target.pk),
        url("unlock", target.pk),
        url("composer_preview", live_blog.pk),
        url("composer_preview", 2**31),
        *(
            url("row_action", target.pk, action)
            for action in ("publish", "approve", "reject", "nonsense", "unpublish")
        ),
        url("row_action", uuid.uuid4(), "publish"),
        url("unpublish", target.pk),
        url("delete", target.pk),
        url("desk_state", live_blog.pk),
        url("desk_results", live_blog.pk),
    ]
    for endpoint in endpoints:
        for data in garbage:
            response = admin_client.post(endpoint, data)
            assert response.status_code in OK, (endpoint, data)
            location = response.get("Location", "")
            assert not location.startswith("https://evil"), endpoint


@pytest.mark.parametrize("field", ["posted_at", "go_live_at", "expire_at"])
@pytest.mark.parametrize(
    ("zone", "when"),
    [
        ("Pacific/Pago_Pago", "9999-12-31 20:00"),
        ("Pacific/Kiritimati", "0001-01-01 05:00"),
    ],
)
def test_dates_no_time_zone_can_hold_are_form_errors(
    live_blog, admin_client, settings, field, zone, when
):
    """Near the ends of the calendar, a date typed in the site's time zone
    overflows once converted to UTC (or to a reader's zone): a form error
    naming the field, not a 500 when the update is saved or shown."""
    settings.TIME_ZONE = zone
    response = admin_client.post(
        f"{url('add')}?blog={live_blog.pk}",
        {**full_form(make_image()), "headline": "Far away", field: when},
    )
    assert response.status_code == 200
    errors = str(response.context["form"].errors[field])
    # Wagtail's own check may speak first ("Expiry … must be in the future").
    assert "between the years 1900 and 9000" in errors or "future" in errors
    assert not LiveBlogUpdate.objects.filter(headline="Far away").exists()


def test_malformed_data_for_a_scheduled_update_is_a_400(live_blog, admin_client):
    """Wagtail refuses to save a scheduled (so locked) update without
    validating the form, then reads the form's errors: unreadable data
    must still be a 400 there."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import post

    scheduled = post(
        live_blog, "Embargoed", go_live_at=timezone.now() + timedelta(hours=1)
    )
    for mangle in (
        {"body-count": "1000"},
        {"body-0-order": "x"},
        {"body-0-value": "[]"},
    ):
        data = {**full_form(make_image()), **mangle}
        response = admin_client.post(url("edit", scheduled), data)
        assert response.status_code == 400, mangle
