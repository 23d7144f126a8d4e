"""Rows of the desk's listings: what their columns and buttons need, and the
drafts and scheduled updates, kept apart from the live stream.

The desk's main listing is the stream readers see (live updates); updates
not live yet (drafts, updates in moderation, scheduled ones) are listed
above it in their own small table, scheduled ones first, soonest first.
Filtering by status or searching shows every update in one listing again.
"""

from __future__ import annotations

from django.db.models import F, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Table

from ..models.update import LiveBlogUpdate
from .filters import in_moderation_ids, scheduled_times

#: Drafts and scheduled updates listed above the stream; the status filter
#: lists them all.
PENDING_LIMIT = 25


def decorate_rows(rows: list[LiveBlogUpdate], blog) -> list[LiveBlogUpdate]:
    """Mark a page of rows with what their columns and buttons need, in a
    few queries for the page (not a few per row)."""
    ids = [row.pk for row in rows]
    prefetch_related_objects(rows, "authors__user")
    scheduled = scheduled_times(ids) if ids else {}
    moderated = in_moderation_ids(ids) if ids else set()
    for row in rows:
        row.liveblog_scheduled = row.pk in scheduled
        row.liveblog_go_live_at = scheduled.get(row.pk)
        row.liveblog_in_moderation = row.pk in moderated
        if blog is not None:
            row.blog = blog
    return rows


def pending_queryset(blog_id: int):
    """The blog's updates that readers do not see: never published,
    unpublished, scheduled, in moderation."""
    return (
        LiveBlogUpdate.objects.filter(blog_id=blog_id, live=False)
        .select_related("latest_revision")
        .defer("html", "data", "body")
    )


def pending_rows(blog) -> tuple[list[LiveBlogUpdate], int]:
    """Up to ``PENDING_LIMIT`` of them, scheduled first (soonest first), then
    the most recently edited; and how many there are."""
    queryset = pending_queryset(blog.pk)
    total = queryset.count()
    if not total:
        return [], 0
    rows = decorate_rows(
        list(
            queryset.order_by(
                F("latest_revision__created_at").desc(nulls_last=True), "-pk"
            )[:PENDING_LIMIT]
        ),
        blog,
    )
    scheduled = sorted(
        (row for row in rows if row.liveblog_go_live_at),
        key=lambda row: row.liveblog_go_live_at,
    )
    rest = [row for row in rows if not row.liveblog_go_live_at]
    return [*scheduled, *rest], total


def pending_table(columns, rows) -> Table:
    return Table(
        columns,
        rows,
        caption=_("Drafts and scheduled updates"),
        classname="listing liveblog-desk__pending-table",
    )
