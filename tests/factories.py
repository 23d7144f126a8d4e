"""Factories and helpers for building live blogs in tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from io import BytesIO

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.testapp.models import ElectionNightPage
from wagtail_liveblog.models import LiveBlogPage

BASE_TIME = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)


class LiveBlogPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Storm live {n}")
    slug = factory.Sequence(lambda n: f"storm-live-{n}")
    intro = "<p>Follow the storm as it happens.</p>"

    class Meta:
        model = LiveBlogPage


class ElectionNightPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Election night {n}")
    slug = factory.Sequence(lambda n: f"election-night-{n}")
    kicker = "Results"

    class Meta:
        model = ElectionNightPage


def make_image(title="Flooded street", width=1600, height=900, colour=(40, 90, 160)):
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title,
        file=ImageFile(buffer, name=f"{uuid.uuid4().hex}.png"),
    )


def text(html: str) -> dict:
    return {"type": "text", "value": html, "id": str(uuid.uuid4())}


def quote(words: str, attribution: str = "") -> dict:
    return {
        "type": "quote",
        "value": {"text": words, "attribution": attribution},
        "id": str(uuid.uuid4()),
    }


def image(image_obj, credit="Reuters", caption="", alt="") -> dict:
    return {
        "type": "image",
        "value": {
            "image": image_obj.pk,
            "caption": caption,
            "credit": credit,
            "alt": alt,
        },
        "id": str(uuid.uuid4()),
    }


def update(
    headline: str = "",
    body: list | None = None,
    *,
    posted_at: datetime | None = None,
    pinned: bool = False,
    key_event: bool = False,
    author: str = "",
    id: str | None = None,
) -> dict:
    return {
        "type": "update",
        "id": id or str(uuid.uuid4()),
        "value": {
            "headline": headline,
            "body": body
            if body is not None
            else [text(f"<p>{headline or 'Body'}</p>")],
            "author": author,
            "pinned": pinned,
            "key_event": key_event,
            "posted_at": posted_at.isoformat() if posted_at else None,
            "updated_at": None,
        },
    }


def numbered_updates(count: int, start: datetime = BASE_TIME) -> list[dict]:
    """``count`` updates one minute apart, returned newest first."""
    items = [
        update(f"Update {n}", posted_at=start + timedelta(minutes=n))
        for n in range(1, count + 1)
    ]
    return list(reversed(items))


def publish(page, items: list[dict] | None = None, user=None):
    """Set the stream (if given), save a revision and publish it."""
    if items is not None:
        page.updates = items
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return page.specific


def raw_updates(page) -> list[dict]:
    """The published stream of ``page`` as raw dicts, newest block first."""
    fresh = type(page).objects.get(pk=page.pk)
    return list(fresh.updates.raw_data)
