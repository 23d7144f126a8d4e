"""What happens to a live blog's updates at the moment it is published.

Every way Wagtail publishes — ``revision.publish()``, the admin's edit view
(which runs ``PublishPageRevisionAction`` directly, not ``page.publish()``),
workflow approval, scheduled publishing — ends in a full ``save()`` of the
revision's object with ``live_revision`` set to the revision going live.
``LiveBlogPageMixin.save()`` calls :func:`prepare_publish` there, under the
page row lock, which

1. rebases a stale revision: when updates were published after that
   revision was saved (a reporter posting from the desk while an editor had
   the page open), they are merged in rather than taken down (merge.py);
2. stamps ``posted_at`` and ``updated_at`` (stamping.py).

Both write into the revision too, so the history, later edits and the live
page agree.
"""

from __future__ import annotations

from .locking import lock_page
from .merge import rebase_stale_revision
from .stamping import load_stream, stamp_revision


def publishing_revision(page, update_fields):
    """The revision a publish is saving ``page`` for, or None."""
    if update_fields is not None or not page.pk or not page.live:
        return None
    revision = page._state.fields_cache.get("live_revision")
    if revision is None or revision.pk is None:
        return None
    if "updates" in page.get_deferred_fields():
        return None
    return revision


def prepare_publish(page, update_fields) -> bool:
    """Rebase and stamp the updates of a page that a publish is saving.

    Call inside a transaction. Returns True if the updates changed.
    """
    revision = publishing_revision(page, update_fields)
    if revision is None:
        return False
    previous_live_id = lock_page(page).live_revision_id
    if previous_live_id == revision.pk:
        return False  # a re-save of what is already live, not a publish
    rebased = rebase_stale_revision(page, revision, previous_live_id)
    stamped = stamp_revision(page, revision, previous_live_id)
    # The stream just written into the revision, without parsing it again.
    items = stamped if stamped is not None else rebased
    if items is None:
        return False
    page.updates = items
    return True


def keep_latest_updates(page) -> None:
    """Give ``page`` the updates of its latest revision, read under the page lock.

    The page editor (``INLINE_EDITING`` off) builds its instance when the
    request starts (from the latest revision, or an older one when
    reverting); by the time it saves, a reporter may have posted from the
    desk. Called by ``LiveBlogPageMixin.save_revision`` inside a transaction,
    this takes the page row lock and re-reads the updates, so the saved
    revision carries every update there is, untouched.
    """
    from wagtail.models import Revision

    latest_id = lock_page(page).latest_revision_id
    if latest_id is None:
        return
    content = Revision.objects.values_list("content", flat=True).get(pk=latest_id)
    page.updates = load_stream((content or {}).get("updates"))
