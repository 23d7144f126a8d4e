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


def editor():
    """A superuser who posts the updates that tests set up."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username="test-editor", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def _fields(item: dict) -> dict:
    """Editing-API fields from an ``update()`` item (no byline: the default)."""
    value = item["value"]
    fields = {
        "headline": value.get("headline", ""),
        "body": [
            {"type": block["type"], "value": block["value"], "id": block.get("id")}
            for block in value.get("body") or []
        ],
        "pinned": value.get("pinned", False),
        "key_event": value.get("key_event", False),
        "posted_at": value.get("posted_at"),
    }
    if value.get("author"):
        fields["authors"] = [value["author"]]
    return fields


def publish(page, items: list[dict] | None = None, user=None):
    """Publish ``page``; with ``items`` (``update()`` dicts, any order), make
    its published updates exactly those: new ids are imported, known ones
    edited, the rest removed. Returns the page, fresh."""
    from wagtail_liveblog import editing
    from wagtail_liveblog.models import LiveBlogUpdate

    revision = page.save_revision(user=user)
    revision.publish(user=user)
    page = type(page).objects.get(pk=page.pk)
    if items is not None:
        author = user or editor()
        known = {
            str(pk): live
            for pk, live in LiveBlogUpdate.objects.filter(blog_id=page.pk).values_list(
                "pk", "live"
            )
        }
        wanted = {str(item["id"]) for item in items}
        for update_id in set(known) - wanted:
            editing.remove_update(page, update_id, user=author)
        new = [item for item in items if str(item["id"]) not in known]
        for item in items:
            if str(item["id"]) in known:
                editing.edit_update(
                    page, item["id"], user=author, publish=True, **_fields(item)
                )
        # Oldest first, as import_updates takes them: ``items`` are newest
        # first; those without a time are stamped now, so they come last.
        new = new[::-1]
        new.sort(
            key=lambda item: (
                (0, item["value"]["posted_at"])
                if item["value"].get("posted_at")
                else (1, "")
            )
        )
        editing.import_updates(
            page,
            user=author,
            updates=[{"id": item["id"], **_fields(item)} for item in new],
        )
    return page


def post(page, headline: str = "Update", body: list | None = None, **kwargs):
    """Post (publish) one update through the editing API; returns its id."""
    from wagtail_liveblog import editing

    user = kwargs.pop("user", None) or editor()
    if "author" in kwargs:  # one byline, as a name
        kwargs["authors"] = [kwargs.pop("author")]
    return editing.post_update(
        page,
        user=user,
        headline=headline,
        body=body if body is not None else [text(f"<p>{headline}</p>")],
        **kwargs,
    )


def published_updates(page):
    """The blog's published updates, newest first."""
    from wagtail_liveblog.reading import queries

    return queries.latest(page.pk, 10_000)


def assert_says_nothing(image, *words: str) -> None:
    """A picture uploaded through the package tells nothing before its
    update is published: a neutral title and an unguessable file name, with
    none of ``words`` (its caption, its upload name) in either."""
    import re

    assert re.fullmatch(r"Live blog photo [0-9a-f]{8}", image.title), image.title
    name = image.file.name.rsplit("/", 1)[-1]
    assert re.fullmatch(r"liveblog-[0-9a-f]{32}(_[A-Za-z0-9]+)?\.[a-z]+", name), name
    assert image.title[-8:] in name
    for word in words:
        assert word.lower() not in image.title.lower()
        assert word.lower() not in image.file.name.lower()
