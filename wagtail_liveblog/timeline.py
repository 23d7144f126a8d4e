"""The timeline read model: keeping it in sync, and querying it.

Every publish of a live blog turns the published ``updates`` stream into one
``TimelineEntry`` row per update and bumps the blog's ``version``. Only the
updates whose content, times or flags changed are rendered again, so the
cost of a publish follows the size of the change, not of the blog. Every
reader path (page, load more, permalinks, poll, API, feed) then runs an
indexed query here and never parses the stream.

Sync runs inside the publishing transaction, under a row lock on the blog's
``LiveBlogTimeline``: it commits or rolls back with the publish, and
concurrent publishes of one blog are applied one after the other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from .models import LiveBlogPageMixin, LiveBlogTimeline, TimelineEntry
from .rendering import (
    parse_time,
    reader_locale,
    render_update_html,
    update_for_template,
)
from .stamping import content_hash, hashes_for_revision

ENTRY_FIELDS = (
    "posted_at",
    "updated_at",
    "headline",
    "author",
    "pinned",
    "key_event",
    "content_hash",
    "html",
    "data",
    "changed_version",
    "deleted_version",
)


# -- sync -----------------------------------------------------------------


def _locked_timeline(page_id: int) -> LiveBlogTimeline:
    LiveBlogTimeline.objects.get_or_create(page_id=page_id)
    return LiveBlogTimeline.objects.select_for_update().get(page_id=page_id)


# Above this many changed updates in one publish, convert the whole stream at
# once (Wagtail fetches the images of all of them in bulk); below it, convert
# only the changed ones, so that posting one update into a blog of thousands
# does not convert thousands.
BULK_CONVERT_THRESHOLD = 20


def _block_value(page, index: int, value: dict, bulk: bool):
    if bulk:
        return page.updates[index].value
    return page.updates.stream_block.child_blocks["update"].to_python(value)


def _entry_values(
    page,
    index: int,
    update_id: str,
    value: dict,
    version: int,
    *,
    bulk: bool = True,
    digest: str | None = None,
) -> dict:
    from .api.serializers import serialize_update

    update = update_for_template(update_id, _block_value(page, index, value, bulk))
    if update.posted_at is None:
        update.posted_at = page.last_published_at or timezone.now()
    return {
        "posted_at": update.posted_at,
        "updated_at": update.updated_at,
        "headline": update.headline[:255],
        "author": update.author[:255],
        "pinned": update.pinned,
        "key_event": update.key_event,
        "content_hash": digest or content_hash(value),
        "html": render_update_html(update),
        "data": serialize_update(update),
        "changed_version": version,
        "deleted_version": None,
    }


def _unchanged(row: dict, value: dict, digest: str) -> bool:
    return (
        row["deleted_version"] is None
        and row["content_hash"] == digest
        and row["posted_at"] == parse_time(value.get("posted_at"))
        and row["updated_at"] == parse_time(value.get("updated_at"))
        and row["pinned"] == bool(value.get("pinned"))
        and row["key_event"] == bool(value.get("key_event"))
    )


def sync_page(page: LiveBlogPageMixin, *, force: bool = False) -> LiveBlogTimeline:
    """Bring the read model of a published live blog up to date.

    ``page`` is the specific page as just published. Returns the timeline
    (with its new ``version``). ``force`` re-renders every update, for
    template changes; it is what ``rebuild_liveblog_timeline --force`` does.
    """
    if not page.live:
        return remove_page(page)
    with transaction.atomic():
        timeline = _locked_timeline(page.pk)
        if (
            not force
            and not page.alias_of_id  # aliases have no revisions of their own
            and timeline.revision_id is not None
            and timeline.revision_id == page.live_revision_id
        ):
            return timeline
        existing = {
            str(row["update_id"]): row
            for row in TimelineEntry.objects.filter(timeline=timeline).values(
                "pk", "update_id", *ENTRY_FIELDS[:7], "deleted_version"
            )
        }
        version = timeline.version + 1
        known = hashes_for_revision(page.live_revision_id)
        to_create: list[TimelineEntry] = []
        to_update: list[TimelineEntry] = []
        seen: set[str] = set()
        changed: list[tuple[int, str, dict, dict | None, str]] = []
        for index, item in enumerate(page.updates.raw_data):
            if item.get("type") != "update" or not item.get("id"):
                continue
            update_id = str(item["id"])
            if update_id in seen:
                continue
            seen.add(update_id)
            value = item.get("value") or {}
            row = existing.get(update_id)
            digest = known.get(update_id) or content_hash(value)
            if row is not None and not force and _unchanged(row, value, digest):
                continue
            changed.append((index, update_id, value, row, digest))
        bulk = len(changed) > BULK_CONVERT_THRESHOLD
        # Rendered for every reader, not in the language and time zone of
        # the reporter whose admin request is publishing.
        with reader_locale(page):
            for index, update_id, value, row, digest in changed:
                values = _entry_values(
                    page, index, update_id, value, version, bulk=bulk, digest=digest
                )
                if row is None:
                    to_create.append(
                        TimelineEntry(
                            timeline=timeline, update_id=uuid.UUID(update_id), **values
                        )
                    )
                else:
                    to_update.append(TimelineEntry(pk=row["pk"], **values))
        gone = [
            row["pk"]
            for key, row in existing.items()
            if key not in seen and row["deleted_version"] is None
        ]
        if to_create:
            TimelineEntry.objects.bulk_create(to_create, batch_size=500)
        if to_update:
            TimelineEntry.objects.bulk_update(to_update, ENTRY_FIELDS, batch_size=500)
        if gone:
            _tombstone(TimelineEntry.objects.filter(pk__in=gone), version)
        timeline.version = version
        timeline.revision_id = page.live_revision_id
        timeline.synced_at = timezone.now()
        timeline.save()
        return timeline


def _tombstone(entries: QuerySet, version: int) -> int:
    return entries.update(deleted_version=version, html="", data={})


def remove_page(page: Page) -> LiveBlogTimeline:
    """An unpublished blog: every update becomes a tombstone."""
    with transaction.atomic():
        timeline = _locked_timeline(page.pk)
        live = TimelineEntry.objects.filter(
            timeline=timeline, deleted_version__isnull=True
        )
        if timeline.revision_id is None and not live.exists():
            return timeline  # already removed: nothing changes, no new version
        timeline.version += 1
        _tombstone(live, timeline.version)
        timeline.revision_id = None
        timeline.synced_at = timezone.now()
        timeline.save()
        return timeline


def touch_page(page: Page) -> LiveBlogTimeline:
    """The blog moved: its updates' URLs changed, so report them all again."""
    with transaction.atomic():
        timeline = _locked_timeline(page.pk)
        timeline.version += 1
        TimelineEntry.objects.filter(
            timeline=timeline, deleted_version__isnull=True
        ).update(changed_version=timeline.version)
        timeline.save()
        return timeline


def rebuild(pages: Iterable, *, force: bool = False) -> list[LiveBlogTimeline]:
    """Sync each page's read model from its published content.

    The page's own row holds what is published (Wagtail copies the live
    revision into it); ``live_revision`` is not used, as on an alias it is
    the original's revision and lags one publish behind.
    """
    results = []
    for page in pages:
        if page.live:
            results.append(sync_page(page.specific_deferred, force=force))
        else:
            results.append(remove_page(page))
    return results


# -- queries ----------------------------------------------------------------


def current_version(page_id: int) -> int:
    """The blog's version (0 before its first sync).

    Every poll reads it, so it is one plain SQL statement on the primary
    key rather than an ORM query, whose compiling costs more than running it.
    """
    opts = LiveBlogTimeline._meta
    connection = connections[router.db_for_read(LiveBlogTimeline)]
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {quote(opts.get_field('version').column)} "  # noqa: S608
        f"FROM {quote(opts.db_table)} WHERE {quote(opts.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [page_id])
        row = cursor.fetchone()
    return row[0] if row else 0


def live_entries(page_id: int) -> QuerySet[TimelineEntry]:
    return TimelineEntry.objects.filter(
        timeline_id=page_id, deleted_version__isnull=True
    ).order_by("-posted_at", "-update_id")


def latest(page_id: int, limit: int) -> list[TimelineEntry]:
    return list(live_entries(page_id)[:limit])


def find_entry(
    page_id: int, update_id: Any, *, include_deleted: bool = False
) -> TimelineEntry | None:
    """The entry of an update id (a UUID or its text), or None."""
    try:
        key = (
            update_id if isinstance(update_id, uuid.UUID) else uuid.UUID(str(update_id))
        )
    except (TypeError, ValueError, AttributeError):
        return None
    entries = TimelineEntry.objects.filter(timeline_id=page_id, update_id=key)
    if not include_deleted:
        entries = entries.filter(deleted_version__isnull=True)
    return entries.first()


def _older_q(entry: TimelineEntry) -> Q:
    return Q(posted_at__lt=entry.posted_at) | Q(
        posted_at=entry.posted_at, update_id__lt=entry.update_id
    )


def older_than(page_id: int, cursor: TimelineEntry, limit: int) -> list[TimelineEntry]:
    """Up to ``limit`` updates older than ``cursor`` (which may be a tombstone)."""
    return list(live_entries(page_id).filter(_older_q(cursor))[:limit])


def rank(page_id: int, entry: TimelineEntry) -> int:
    """How many live updates are newer than ``entry``."""
    newer = Q(posted_at__gt=entry.posted_at) | Q(
        posted_at=entry.posted_at, update_id__gt=entry.update_id
    )
    return live_entries(page_id).filter(newer).count()


def window_containing(
    page_id: int, entry: TimelineEntry, size: int
) -> tuple[list[TimelineEntry], int]:
    """The page-aligned window of ``size`` updates that holds ``entry``.

    Returns the entries (plus one extra to tell whether more follow) and the
    number of newer updates above the window.
    """
    start = (rank(page_id, entry) // size) * size
    return list(live_entries(page_id)[start : start + size + 1]), start


def pinned(page_id: int) -> list[TimelineEntry]:
    return list(live_entries(page_id).filter(pinned=True))


def key_events(page_id: int, limit: int = 50) -> list[TimelineEntry]:
    return list(
        live_entries(page_id)
        .filter(key_event=True)
        .only("update_id", "headline", "posted_at")[:limit]
    )


def changes_since(
    page_id: int, version: int, limit: int | None = None
) -> tuple[list[TimelineEntry], list[TimelineEntry]]:
    """Updates created or edited after ``version``, and tombstones made after it.

    Both lists come in version order (oldest change first).
    """
    changed = (
        live_entries(page_id)
        .filter(changed_version__gt=version)
        .order_by("changed_version", "posted_at", "update_id")
    )
    deleted = (
        TimelineEntry.objects.filter(timeline_id=page_id, deleted_version__gt=version)
        .only("update_id", "deleted_version")
        .order_by("deleted_version", "update_id")
    )
    if limit is not None:
        changed = changed[:limit]
        deleted = deleted[:limit]
    return list(changed), list(deleted)


def count(page_id: int) -> int:
    return live_entries(page_id).count()
