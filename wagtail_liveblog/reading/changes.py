"""The change feed: what readers must learn after a version.

One query function for the reader script's poll and the API's
``updates/?since=<version>``. Each visible change has a position
``(version, update id)``: a live update's ``changed_version``, or a
tombstone's ``version``. Changes are reported in position order, at most
``limit`` per answer, so every publish, edit and removal after ``since`` is
reported exactly once; when more remain, ``next_cursor`` is the position of
the last one reported (``since=<version>&after=<update id>`` in the API).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Q

from ..models.timeline import LiveBlogTombstone
from ..models.update import LiveBlogUpdate
from .queries import published


@dataclass
class Changes:
    items: list[LiveBlogUpdate]
    deleted: list[uuid.UUID]
    # The position of the last change reported, when more changes follow.
    next_cursor: tuple[int, uuid.UUID] | None


def _after(version_field: str, id_field: str, since: int, after: uuid.UUID | None) -> Q:
    later = Q(**{f"{version_field}__gt": since})
    if after is None:
        return later
    return later | Q(**{version_field: since, f"{id_field}__gt": after})


def changes_after(
    blog_id: int,
    since: int,
    after: uuid.UUID | None,
    limit: int,
    *,
    until: int | None = None,
) -> Changes:
    """Up to ``limit`` changes after position ``(since, after)`` (and, with
    ``until``, at versions up to it: one event of the stream)."""
    edited = published(blog_id).filter(_after("changed_version", "id", since, after))
    removed = LiveBlogTombstone.objects.filter(timeline_id=blog_id).filter(
        _after("version", "update_id", since, after)
    )
    if until is not None:
        edited = edited.filter(changed_version__lte=until)
        removed = removed.filter(version__lte=until)
    edited = list(edited.order_by("changed_version", "id")[: limit + 1])
    removed = list(
        removed.order_by("version", "update_id").values_list("version", "update_id")[
            : limit + 1
        ]
    )
    merged = sorted(
        [(u.changed_version, u.id, u) for u in edited]
        + [(version, update_id, None) for version, update_id in removed],
        key=lambda change: (change[0], change[1]),
    )
    page, more = merged[:limit], len(merged) > limit
    return Changes(
        items=[change[2] for change in page if change[2] is not None],
        deleted=[change[1] for change in page if change[2] is None],
        next_cursor=(page[-1][0], page[-1][1]) if more else None,
    )


def is_known_update(blog_id: int, update_id: uuid.UUID) -> bool:
    """Whether readers have been shown the update (it is live, or was), for
    ``after=``: a draft's id answers as an unknown one."""
    return (
        published(blog_id).filter(pk=update_id).exists()
        or LiveBlogTombstone.objects.filter(
            timeline_id=blog_id, update_id=update_id
        ).exists()
    )
