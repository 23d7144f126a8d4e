"""Per-blog state of the read model: the monotonic version and tombstones.

Every change readers can see (an update published, edited, unpublished,
expired or deleted; the blog itself published, unpublished or moved) bumps
the blog's ``version`` in the same transaction as the change. Each update
row records the version of its last visible change (``changed_version``);
an update that leaves the readers' view leaves a ``LiveBlogTombstone`` with
the version at which it went. The change feed (``reading/changes.py``) is
"every row and tombstone with a version after N".

Versions are handed out under a write lock on the blog's timeline row, so
they commit in order: a client that has seen version N has seen every
change up to N.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models import F
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from ..signals import ChangeEvent, liveblog_changed, send_robustly

# Wagtail 8 lets a site swap the base page model; Wagtail 7.4 cannot.
PAGE_MODEL = getattr(settings, "WAGTAIL_PAGE_MODEL", "wagtailcore.Page")


class LiveBlogTimeline(models.Model):
    """The version of one live blog."""

    page = models.OneToOneField(
        PAGE_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="liveblog_timeline",
    )
    version = models.PositiveBigIntegerField(default=0)
    # When the version last moved: the blog's "last updated" time.
    changed_at = models.DateTimeField(null=True, blank=True)
    # What readers last saw of the blog page itself (status, coverage times,
    # key points), to tell which of them a page publish changed.
    published_state = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("live blog timeline")

    def __str__(self) -> str:
        return f"Timeline of page {self.page_id} at version {self.version}"


class LiveBlogTombstone(models.Model):
    """An update that readers saw and no longer see (removed, unpublished or
    expired), and the version at which it went."""

    timeline = models.ForeignKey(
        LiveBlogTimeline, on_delete=models.CASCADE, related_name="tombstones"
    )
    update_id = models.UUIDField()
    # Kept so that a "load more" cursor naming a removed update still works.
    posted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("live blog tombstone")
        constraints = [
            models.UniqueConstraint(
                fields=["timeline", "update_id"], name="liveblog_tombstone_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["timeline", "version", "update_id"],
                name="liveblog_tombstone_changes",
            )
        ]

    def __str__(self) -> str:
        return f"Update {self.update_id} removed at version {self.version}"


# -- the write lock and versions ----------------------------------------------


def lock_blog(blog_id: int) -> None:
    """Take the blog's write lock until the transaction ends.

    Call inside a transaction (``db.write_transaction``). The first
    statement is a write, so SQLite takes its write lock here and
    PostgreSQL a row lock: writers of one blog run one after the other,
    each seeing what the one before committed.
    """
    locked = LiveBlogTimeline.objects.filter(page_id=blog_id).update(
        version=F("version")
    )
    if not locked:
        LiveBlogTimeline.objects.get_or_create(page_id=blog_id)
        LiveBlogTimeline.objects.select_for_update().filter(page_id=blog_id).exists()


def next_version(
    blog_id: int,
    events: Iterable[ChangeEvent] = (),
    *,
    published_state: dict | None = None,
) -> int:
    """Bump the blog's version and return it (under the blog's write lock).

    Once the transaction commits, ``liveblog_changed`` announces the new
    version with ``events`` (what happened) to the event stream, webhooks,
    WebSub and the CDN purge; nothing is announced if it rolls back.
    """
    bump: dict = {"version": F("version") + 1, "changed_at": Now()}
    if published_state is not None:
        bump["published_state"] = published_state
    bumped = LiveBlogTimeline.objects.filter(page_id=blog_id).update(**bump)
    if not bumped:
        lock_blog(blog_id)
        LiveBlogTimeline.objects.filter(page_id=blog_id).update(**bump)
    version = LiveBlogTimeline.objects.values_list("version", flat=True).get(
        page_id=blog_id
    )
    announce = partial(
        send_robustly,
        liveblog_changed,
        blog_id=blog_id,
        version=version,
        previous_version=version - 1,
        events=tuple(events),
    )
    connection = transaction.get_connection(router.db_for_write(LiveBlogTimeline))
    transaction.on_commit(announce, using=connection.alias)
    return version


def published_state(blog_id: int) -> dict:
    """What readers last saw of the blog page (``{}`` before it was)."""
    return (
        LiveBlogTimeline.objects.filter(page_id=blog_id)
        .values_list("published_state", flat=True)
        .first()
    ) or {}


def current_version(blog_id: int) -> int:
    """The blog's version (0 before its first change).

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
        cursor.execute(sql, [blog_id])
        row = cursor.fetchone()
    return row[0] if row else 0


def changed_at(blog_id: int):
    """When the blog's version last moved (its "last updated" time), or None."""
    return (
        LiveBlogTimeline.objects.filter(page_id=blog_id)
        .values_list("changed_at", flat=True)
        .first()
    )


def bury(blog_id: int, update_id: uuid.UUID, posted_at, version: int) -> None:
    """Record that an update left the readers' view at ``version``."""
    LiveBlogTombstone.objects.update_or_create(
        timeline_id=blog_id,
        update_id=update_id,
        defaults={"version": version, "posted_at": posted_at},
    )


def unbury(blog_id: int, update_id: uuid.UUID) -> None:
    """An update is back in view (published again): drop its tombstone."""
    LiveBlogTombstone.objects.filter(timeline_id=blog_id, update_id=update_id).delete()
