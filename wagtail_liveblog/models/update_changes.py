"""What each save or delete of a ``LiveBlogUpdate`` changes for readers.

The update's row is also the read model (``update.py``): before a save
that readers may see, ``refresh_read_model`` brings its stored HTML, API
data and version up to date and says what the blog's timeline needs once
the row is written (a tombstone when the update leaves the readers' view,
none when it comes back); ``on_update_deleted`` leaves the tombstone of a
deleted live update. See ``timeline.py`` for versions and tombstones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import timezone

from ..readmodel.serialize import content_of
from ..signals import UPDATE_CHANGED, UPDATE_PUBLISHED, UPDATE_REMOVED, ChangeEvent
from . import timeline

__all__ = [
    "READER_FIELDS",
    "READ_MODEL_FIELDS",
    "STORED_FIELDS",
    "on_update_deleted",
    "refresh_read_model",
]

# Fields whose change readers may see; a save touching none of them (a
# lock, a new latest revision) leaves the read model alone.
READER_FIELDS = frozenset(
    {"live", "headline", "body", "authors", "pinned", "key_event", "posted_at"}
)
# What a visible save writes besides the content.
STORED_FIELDS = ("posted_at", "updated_at", "html", "data", "changed_version")
# Fields of the read model, never part of a revision.
READ_MODEL_FIELDS = ("html", "data", "changed_version")


def _stored(update: Any) -> dict[str, Any] | None:
    if update.pk is None:
        return None
    return (
        type(update)
        ._default_manager.filter(pk=update.pk)
        .values(
            "live",
            "posted_at",
            "updated_at",
            "pinned",
            "key_event",
            *READ_MODEL_FIELDS,
        )
        .first()
    )


def refresh_read_model(update: Any) -> Callable[[], Any]:
    """Bring ``update``'s stored HTML, data and version up to date before a
    save.

    Returns what to do once the row is written. Runs under the blog's
    write lock, so ``before`` is what the last writer committed.
    """
    before = _stored(update)
    was_live = bool(before and before["live"])
    if before is not None:
        # Objects built from revisions carry no read model: keep the row's.
        for name in READ_MODEL_FIELDS:
            setattr(update, name, before[name])
    if not update.live:
        if not was_live:
            return lambda: None  # a draft: nothing readers see changes
        version = timeline.next_version(
            update.blog_id, [ChangeEvent(UPDATE_REMOVED, update.pk)]
        )
        posted_at = before["posted_at"]
        return lambda: timeline.bury(update.blog_id, update.pk, posted_at, version)

    published_before = bool(before and before["data"])
    if update.posted_at is None:
        update.posted_at = (before and before["posted_at"]) or timezone.now()
    update.updated_at = before["updated_at"] if published_before else None
    update.render_for_readers()
    if published_before and content_of(update.data) != content_of(before["data"]):
        update.updated_at = timezone.now()
        update.render_for_readers()
    unchanged = (
        was_live
        and update.data == before["data"]
        and update.html == before["html"]
        and update.posted_at == before["posted_at"]
    )
    if unchanged:
        return lambda: None
    event = UPDATE_CHANGED if was_live else UPDATE_PUBLISHED
    update.changed_version = timeline.next_version(
        update.blog_id, [ChangeEvent(event, update.pk)]
    )
    if was_live:
        return lambda: None
    return lambda: timeline.unbury(update.blog_id, update.pk)


def on_update_deleted(sender, instance: Any, origin=None, **kwargs) -> None:
    """``post_delete`` of ``LiveBlogUpdate`` (the ``sender``): a deleted live
    update leaves a tombstone.

    Not when the blog itself is being deleted: its timeline goes with it.
    """
    if not instance.live or not isinstance(origin, sender | models.QuerySet):
        return
    if isinstance(origin, models.QuerySet) and origin.model is not sender:
        return
    timeline.lock_blog(instance.blog_id)
    version = timeline.next_version(
        instance.blog_id, [ChangeEvent(UPDATE_REMOVED, instance.pk)]
    )
    timeline.bury(instance.blog_id, instance.pk, instance.posted_at, version)
