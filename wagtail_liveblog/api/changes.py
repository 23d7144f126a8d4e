"""The change feed behind ``updates/?since=<version>``.

Each update's latest change has a position ``(version, update id)``: the
version that created or last edited it, or the version that removed it.
Changes are reported in position order, at most ``limit`` per response,
so every edit and removal after ``since`` is reported exactly once. When
more remain, the response's ``meta.next`` carries the position of the last
change reported as ``since=<version>&after=<update id>``: the changes at
that same version with a greater id, then every later version.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Q

from ..models import TimelineEntry


@dataclass
class Changes:
    items: list[TimelineEntry]
    deleted: list[TimelineEntry]
    # The position of the last change reported, when more changes follow.
    next_cursor: tuple[int, uuid.UUID] | None


def _after(field: str, since: int, after: uuid.UUID | None) -> Q:
    if after is None:
        return Q(**{f"{field}__gt": since})
    return Q(**{f"{field}__gt": since}) | Q(**{field: since, "update_id__gt": after})


def changes_after(
    page_id: int, since: int, after: uuid.UUID | None, limit: int
) -> Changes:
    """Up to ``limit`` changes after position ``(since, after)``."""
    edited = list(
        TimelineEntry.objects.filter(timeline_id=page_id, deleted_version__isnull=True)
        .filter(_after("changed_version", since, after))
        .order_by("changed_version", "update_id")[: limit + 1]
    )
    removed = list(
        TimelineEntry.objects.filter(timeline_id=page_id)
        .filter(_after("deleted_version", since, after))
        .only("update_id", "deleted_version")
        .order_by("deleted_version", "update_id")[: limit + 1]
    )
    merged = sorted(
        [(e.changed_version, e.update_id, False, e) for e in edited]
        + [(e.deleted_version, e.update_id, True, e) for e in removed],
        key=lambda change: (change[0], change[1]),
    )
    page, more = merged[:limit], len(merged) > limit
    return Changes(
        items=[change[3] for change in page if not change[2]],
        deleted=[change[3] for change in page if change[2]],
        next_cursor=(page[-1][0], page[-1][1]) if more else None,
    )


def is_known_update(page_id: int, update_id: uuid.UUID) -> bool:
    return TimelineEntry.objects.filter(
        timeline_id=page_id, update_id=update_id
    ).exists()
