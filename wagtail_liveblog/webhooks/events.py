"""The events webhooks send, and what each one's ``data`` holds.

Every body is ``{"type": …, "timestamp": …, "data": {…}}``: the event's
type, when the change happened (ISO 8601, UTC) and ``data``, which always
holds the ``blog`` (``id``, ``title``, ``url``) and its ``version`` after
the change (a receiver that gets two events of one blog out of order keeps
the higher version), and:

- ``update.published``, ``update.changed``: the ``update`` in the API's one
  shape (``id``, ``url``, ``headline``, ``posted_at``, ``updated_at``,
  ``pinned``, ``key_event``, ``author``, ``body``), as published when the
  event is sent out;
- ``update.removed``: the ``update``'s ``id`` alone;
- ``blog.status``: ``status`` (``upcoming``, ``live``, ``ended``),
  ``coverage_start`` and ``coverage_end``;
- ``blog.key_points``: ``key_points``, the blog's key points as HTML.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import expand_db_html

from ..formats import iso
from ..models.update import LiveBlogUpdate
from ..readmodel.serialize import with_url
from ..signals import (
    BLOG_KEY_POINTS,
    BLOG_STATUS,
    UPDATE_CHANGED,
    UPDATE_PUBLISHED,
    UPDATE_REMOVED,
)

EVENT_CHOICES = [
    (UPDATE_PUBLISHED, _("An update is published")),
    (UPDATE_CHANGED, _("A published update changes")),
    (UPDATE_REMOVED, _("An update is removed or unpublished")),
    (BLOG_STATUS, _("Coverage starts or ends")),
    (BLOG_KEY_POINTS, _("The key points change")),
]
EVENT_TYPES = tuple(value for value, _label in EVENT_CHOICES)
UPDATE_EVENTS = (UPDATE_PUBLISHED, UPDATE_CHANGED, UPDATE_REMOVED)


def blog_data(blog) -> dict[str, Any]:
    return {"id": blog.pk, "title": blog.title, "url": blog.get_full_url()}


def event_data(
    blog, version: int, event_type: str, update_id: str | None, updates: dict
) -> dict[str, Any] | None:
    """``data`` of one event, or None when there is nothing to send (an
    update published or changed that is no longer live by now: its removal
    follows)."""
    data: dict[str, Any] = {"blog": blog_data(blog), "version": version}
    if event_type == UPDATE_REMOVED:
        data["update"] = {"id": str(update_id)}
    elif event_type in UPDATE_EVENTS:
        update = updates.get(str(update_id))
        if update is None:
            return None
        data["update"] = with_url(update.data, data["blog"]["url"])
    elif event_type == BLOG_STATUS:
        data["status"] = blog.status
        data["coverage_start"] = iso(blog.coverage_start)
        data["coverage_end"] = iso(blog.coverage_end)
    elif event_type == BLOG_KEY_POINTS:
        data["key_points"] = expand_db_html(blog.summary or "")
    else:
        return None
    return data


def live_updates(blog_id: int, update_ids) -> dict[str, LiveBlogUpdate]:
    """The live updates among ``update_ids``, by id (one query)."""
    rows = LiveBlogUpdate.objects.filter(
        blog_id=blog_id, pk__in=list(update_ids), live=True
    ).only("id", "data")
    return {str(row.pk): row for row in rows}


def body(event_type: str, timestamp: str, data: dict[str, Any]) -> str:
    """The JSON text sent (and signed), the same on every attempt."""
    return json.dumps(
        {"type": event_type, "timestamp": timestamp, "data": data},
        ensure_ascii=False,
        separators=(",", ":"),
    )
