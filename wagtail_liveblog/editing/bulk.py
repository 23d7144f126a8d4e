"""Publishing many new updates in one go, for ``import_updates``.

Each update still gets what a post gives it (its revision and history, its
stored HTML and API data made as a publish makes them, a place in the
change feed) but in bulk statements and one new blog version, so importing
n updates costs O(n), not n posts.
"""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from ..models import timeline
from ..models.authors import LiveBlogUpdateAuthor
from ..models.update import LiveBlogUpdate
from ..signals import UPDATE_PUBLISHED, ChangeEvent

BATCH_SIZE = 500


def publish_new_updates(blog, rows: list[LiveBlogUpdate], user) -> None:
    """Insert ``rows`` (new, validated updates of ``blog``) as published.

    Call inside ``db.write_transaction``.
    """
    timeline.lock_blog(blog.pk)
    version = timeline.next_version(
        blog.pk, [ChangeEvent(UPDATE_PUBLISHED, row.pk) for row in rows]
    )
    now = timezone.now()
    content_type = LiveBlogUpdate.get_content_type()
    base_content_type = LiveBlogUpdate.get_base_content_type()
    for row in rows:
        row.blog = blog
        row.live = True
        row.has_unpublished_changes = False
        row.first_published_at = row.last_published_at = now
        row.updated_at = None
        row.render_for_readers()
        row.changed_version = version
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(row.pk),
                user=user,
                created_at=now,
                content=row.serializable_data(),
                object_str=str(row)[:255],
            )
            for row in rows
        ],
        batch_size=BATCH_SIZE,
    )
    for row, revision in zip(rows, revisions, strict=True):
        row.latest_revision = row.live_revision = revision
    LiveBlogUpdate.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    LiveBlogUpdateAuthor.objects.bulk_create(
        [
            LiveBlogUpdateAuthor(
                update=row, user=author.user, name=author.name, sort_order=order
            )
            for row in rows
            for order, author in enumerate(row.authors.all())
        ],
        batch_size=BATCH_SIZE,
    )
    # Each update's History starts as a post's does: created, then published.
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(row.pk),
                label=str(row),
                action=action,
                user=user,
                revision=row.live_revision,
                timestamp=now,
                content_changed=True,
            )
            for row in rows
            for action in ("wagtail.create", "wagtail.publish")
        ],
        batch_size=BATCH_SIZE,
    )
    timeline.LiveBlogTombstone.objects.filter(
        timeline_id=blog.pk, update_id__in=[row.pk for row in rows]
    ).delete()
