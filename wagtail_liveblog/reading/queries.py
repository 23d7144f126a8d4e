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

from .. import conf
from ..models.timeline import LiveBlogTombstone
from ..models.update import LiveBlogUpdate

# What readers need of a row: never the body or the editing fields.
READ_FIELDS = (
    "id",
    "blog_id",
    "headline",
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
    """The newest ``limit`` pinned updates (``MAX_PINNED`` by default): a
    page never grows with its pins."""
    if limit is None:
        limit = conf.get("MAX_PINNED")
    return list(published(blog_id).filter(pinned=True)[:limit])


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
    """The position of an update readers have been shown — a live one, or
    one since removed (its tombstone), so that "load more" from a page that
    showed it still works — or None. Drafts, scheduled updates and ids of
    other blogs are None, like ids that never existed."""
    key = parse_id(update_id)
    if key is None:
        return None
    row = published(blog_id).filter(pk=key).values_list("posted_at", flat=True).first()
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


# -- the reader page's views: key events only, oldest first ---------------------
#
# Still one query on ``liveblog_update_reading`` each: the oldest-first order
# reads that index backwards, and a cursor is a range the index seeks to. The
# key-event filter is checked on the rows the index yields, so its cost grows
# with the updates between key events (docs/reader.md, "Views and windows").


def in_view(
    blog_id: int, *, key_events: bool = False, oldest_first: bool = False
) -> QuerySet[LiveBlogUpdate]:
    """The blog's live updates in a reader view: all or the key events only,
    newest or oldest first."""
    updates = published(blog_id)
    if key_events:
        updates = updates.filter(key_event=True)
    if oldest_first:
        updates = updates.order_by("posted_at", "id")
    return updates


# Written as a range on ``posted_at`` and a tie-break, so the databases seek
# to the cursor in the index instead of walking to it from the first entry.


def _newer_q(cursor: Cursor) -> Q:
    return Q(posted_at__gte=cursor.posted_at) & (
        Q(posted_at__gt=cursor.posted_at) | Q(id__gt=cursor.id)
    )


def _seek_older_q(cursor: Cursor) -> Q:
    return Q(posted_at__lte=cursor.posted_at) & (
        Q(posted_at__lt=cursor.posted_at) | Q(id__lt=cursor.id)
    )


def first_in_view(
    blog_id: int, limit: int, *, key_events: bool = False, oldest_first: bool = False
) -> list[LiveBlogUpdate]:
    """The first ``limit`` updates of a view: the newest (or the oldest)."""
    view = in_view(blog_id, key_events=key_events, oldest_first=oldest_first)
    return list(view[:limit])


def next_in_view(
    blog_id: int,
    cursor: Cursor,
    limit: int,
    *,
    key_events: bool = False,
    oldest_first: bool = False,
) -> list[LiveBlogUpdate]:
    """Up to ``limit`` updates of a view after ``cursor`` in its order: older
    ones newest first (``before=``), newer ones oldest first (``after=``)."""
    view = in_view(blog_id, key_events=key_events, oldest_first=oldest_first)
    beyond = _newer_q(cursor) if oldest_first else _seek_older_q(cursor)
    return list(view.filter(beyond)[:limit])


def window_in_view(
    blog_id: int,
    update: LiveBlogUpdate,
    size: int,
    *,
    key_events: bool = False,
    oldest_first: bool = False,
) -> tuple[list[LiveBlogUpdate], int]:
    """Like :func:`window_containing`, in a view's order: the page-aligned
    window of ``size`` updates of the view holding ``update`` (plus one
    extra), and how many updates of the view come before it."""
    view = in_view(blog_id, key_events=key_events, oldest_first=oldest_first)
    ahead = LiveBlogUpdate.objects.filter(blog_id=blog_id, live=True)
    if key_events:
        ahead = ahead.filter(key_event=True)
    position = Cursor(update.id, update.posted_at)
    ahead = ahead.filter(
        _seek_older_q(position) if oldest_first else _newer_q(position)
    )
    start = (ahead.count() // size) * size
    return list(view[start : start + size + 1]), start
