"""Revision retention: a live blog keeps its last ``KEEP_REVISIONS`` revisions.

A live blog publishes hundreds of times and every revision stores the whole
stream, so after each publish the oldest revisions beyond the limit are
deleted. Never deleted, whatever their age, are the revisions Wagtail still
needs:

- the live revision and the latest revision (the current draft);
- scheduled ones (``approved_go_live_at`` set);
- any a workflow task state points to (deleting it would cascade into the
  workflow's history), and any a comment was created in (deleting it would
  delete the comment);
- recent ones: revisions created in the last ``RECENT`` (15 minutes) are
  the likely bases of page-editor forms still open (``merge.py`` merges a
  stale save against the revision its form was loaded from). They are kept
  beyond the limit, up to ``RECENT_FACTOR`` (4) times ``KEEP_REVISIONS`` in
  all, so a blog publishing every few seconds stays bounded.

``PageLogEntry.revision`` has no database constraint: history entries of a
deleted revision stay, only their "view this revision" link goes, exactly as
with Wagtail's own ``purge_revisions`` command.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.models import Comment, Page, Revision, TaskState

from . import conf

RECENT = timedelta(minutes=15)
RECENT_FACTOR = 4


def prune_revisions(page, keep: int | None = None) -> int:
    """Delete the revisions of ``page`` beyond the newest ``keep``.

    ``keep`` defaults to ``KEEP_REVISIONS``; None keeps everything. Returns
    how many revisions were deleted.
    """
    if keep is None:
        keep = conf.get("KEEP_REVISIONS")
        if keep is None:
            return 0
    revisions = Revision.objects.for_instance(page)
    keep = max(keep, 0)
    recent_since = timezone.now() - RECENT
    newest = [
        pk
        for index, (pk, created_at) in enumerate(
            revisions.order_by("-created_at", "-pk").values_list("pk", "created_at")[
                : keep * RECENT_FACTOR
            ]
        )
        if index < keep or created_at >= recent_since
    ]
    # Read the pointers fresh: ``page`` may be an in-memory copy.
    ids = set(
        Page.objects.filter(pk=page.pk)
        .values_list("live_revision_id", "latest_revision_id")
        .first()
        or ()
    ) - {None}
    doomed = (
        revisions.exclude(pk__in=newest)
        .exclude(pk__in=ids)
        .filter(approved_go_live_at__isnull=True)
        .exclude(Exists(TaskState.objects.filter(revision=OuterRef("pk"))))
        .exclude(Exists(Comment.objects.filter(revision_created=OuterRef("pk"))))
    )
    doomed_ids = list(doomed.values_list("pk", flat=True))
    if not doomed_ids:
        return 0
    # ``Revision`` has reverse relations (pages' live/latest revision, task
    # states, comments); the filters above guarantee none point here, so
    # Django's collector only runs a fixed number of checks, not one per row.
    _, per_model = Revision.objects.filter(pk__in=doomed_ids).delete()
    return per_model.get(Revision._meta.label, 0)
