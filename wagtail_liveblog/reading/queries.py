"""Indexed reads of a blog's published updates, newest first.

Every reader route and API route reads updates through these functions;
each is one query on the ``liveblog_update_reading`` index, whatever the
size of the blog. ``blog_id`` is the id of the blog page whose updates are
read (for an alias, its source: see ``LiveBlogPageMixin.liveblog_id``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from ..models.timeline import LiveBlogTombstone
from ..models.update import LiveBlogUpdate

# What readers need of a row: never the body or the editing fields.
READ_FIELDS = (
    "id",
    "blog_id",
    "headline",
    "author",
    "pinned",
    "key_event",
    "posted_at",
    "updated_at",
    "html",
    "data",
    "changed_version",
)


def published(blog_id: int) -> QuerySet[LiveBlogUpdate]:
    """The blog's live updates, newest first, with only what readers need."""
    return (
        LiveBlogUpdate.objects.filter(blog_id=blog_id, live=True)
        .order_by("-posted_at", "-id")
        .only(*READ_FIELDS)
    )


def latest(blog_id: int, limit: int) -> list[LiveBlogUpdate]:
    return list(published(blog_id)[:limit])


def count(blog_id: int) -> int:
    return LiveBlogUpdate.objects.filter(blog_id=blog_id, live=True).count()


def pinned(blog_id: int, limit: int | None = None) -> list[LiveBlogUpdate]:
    updates = published(blog_id).filter(pinned=True)
    return list(updates[:limit] if limit is not None else updates)


def key_events(blog_id: int, limit: int = 50) -> list[LiveBlogUpdate]:
    return list(
        published(blog_id)
        .filter(key_event=True)
        .only("id", "headline", "posted_at")[:limit]
    )


def parse_id(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def find(blog_id: int, update_id: Any) -> LiveBlogUpdate | None:
    """The live update with this id (a UUID or its text), or None."""
    key = parse_id(update_id)
    if key is None:
        return None
    return published(blog_id).filter(pk=key).first()


@dataclass(frozen=True)
class Cursor:
    """A position in the newest-first order: an update's time and id."""

    id: uuid.UUID
    posted_at: datetime


def find_cursor(blog_id: int, update_id: Any) -> Cursor | None:
    """The position of an update of the blog, even one since removed, so
    that "load more" from a page that showed it still works; or None."""
    key = parse_id(update_id)
    if key is None:
        return None
    row = (
        LiveBlogUpdate.objects.filter(blog_id=blog_id, pk=key)
        # Published at some time (readers may still have it on screen).
        .exclude(posted_at=None)
        .exclude(first_published_at=None)
        .values_list("posted_at", flat=True)
        .first()
    )
    if row is None:
        row = (
            LiveBlogTombstone.objects.filter(timeline_id=blog_id, update_id=key)
            .exclude(posted_at=None)
            .values_list("posted_at", flat=True)
            .first()
        )
    return Cursor(key, row) if row is not None else None


def _older_q(cursor: Cursor) -> Q:
    return Q(posted_at__lt=cursor.posted_at) | Q(
        posted_at=cursor.posted_at, id__lt=cursor.id
    )


def older_than(blog_id: int, cursor: Cursor, limit: int) -> list[LiveBlogUpdate]:
    """Up to ``limit`` updates older than ``cursor``."""
    return list(published(blog_id).filter(_older_q(cursor))[:limit])


def rank(blog_id: int, update: LiveBlogUpdate) -> int:
    """How many live updates are newer than ``update``."""
    newer = Q(posted_at__gt=update.posted_at) | Q(
        posted_at=update.posted_at, id__gt=update.id
    )
    return (
        LiveBlogUpdate.objects.filter(blog_id=blog_id, live=True).filter(newer).count()
    )


def window_containing(
    blog_id: int, update: LiveBlogUpdate, size: int
) -> tuple[list[LiveBlogUpdate], int]:
    """The page-aligned window of ``size`` updates that holds ``update``.

    Returns the updates (plus one extra to tell whether more follow) and
    the number of newer updates above the window.
    """
    start = (rank(blog_id, update) // size) * size
    return list(published(blog_id)[start : start + size + 1]), start
