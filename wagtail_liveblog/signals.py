"""Signals sent once a change to a live blog has committed.

They are the one change publisher: the event stream, webhooks, WebSub and
the CDN purge listen to them. They are sent after the write transaction
commits (never inside it), once per new blog version, and a receiver that
fails is logged, never raised to the writer: a push failure never fails a
post.

- ``liveblog_changed(blog_id, version, previous_version, events)``: readers
  can see something new. ``blog_id`` is the blog page (never an alias);
  ``version`` the blog's version after the change and ``previous_version``
  the one before it (the change feed between the two tells what changed);
  ``events`` what happened, as :class:`ChangeEvent` values.
- ``liveblog_access_changed(page_ids)``: who may read these pages may have
  changed (unpublished, moved, a view restriction added or removed): open
  streams close, so that readers reconnect through the privacy checks.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from django.dispatch import Signal

logger = logging.getLogger(__name__)

# What can happen to a blog, as webhooks name it.
UPDATE_PUBLISHED = "update.published"
UPDATE_CHANGED = "update.changed"
UPDATE_REMOVED = "update.removed"
BLOG_STATUS = "blog.status"
BLOG_KEY_POINTS = "blog.key_points"
#: Anything else readers see of the blog page (title, intro, where it lives).
BLOG_CHANGED = "blog.changed"

EVENT_TYPES = (
    UPDATE_PUBLISHED,
    UPDATE_CHANGED,
    UPDATE_REMOVED,
    BLOG_STATUS,
    BLOG_KEY_POINTS,
    BLOG_CHANGED,
)


@dataclass(frozen=True)
class ChangeEvent:
    """One thing that happened in a change: its type (``EVENT_TYPES``) and,
    for ``update.*``, the update's id."""

    type: str
    update_id: uuid.UUID | None = None


liveblog_changed = Signal()
liveblog_access_changed = Signal()


def send_robustly(signal: Signal, **kwargs) -> None:
    """Send ``signal``; a receiver's error is logged, never raised."""
    for receiver, result in signal.send_robust(sender=None, **kwargs):
        if isinstance(result, Exception):
            logger.error(
                "wagtail_liveblog: %r failed on %s",
                receiver,
                kwargs,
                exc_info=(type(result), result, result.__traceback__),
            )
