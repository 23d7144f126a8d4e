"""Changes to the blog page itself from the desk and scripts: starting and
ending the coverage, and its key points (``summary``). Each publishes the
page as ``user`` (publish permission needed), one short transaction under
the page's row lock, whatever the number of updates; unpublished changes
waiting in the page editor stay unpublished and get the change too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .. import access
from ..db import retry_when_locked, write_transaction
from . import clean
from .blogs import liveblog_of

__all__ = ["PageLocked", "end_coverage", "start_coverage", "update_key_points"]

#: A lock on the blog page stops ``start_coverage``/``end_coverage``.
PageLocked = access.UpdateLocked

UNPUBLISHED = _("This live blog is unpublished: publish it from the page editor first.")


# -- coverage ---------------------------------------------------------------------


def start_coverage(page: Page, *, user: AbstractBaseUser) -> None:
    """Make the blog live now: coverage starts (unless it already has) and
    any end is cleared."""
    now = timezone.now()

    def change(obj) -> None:
        if obj.coverage_start is None or obj.coverage_start > now:
            obj.coverage_start = now
        obj.coverage_end = None

    _publish_page_change(page, user, change)


def end_coverage(page: Page, *, user: AbstractBaseUser) -> None:
    """End the coverage now; readers' pages stop polling. The coverage
    start is left as it is."""
    now = timezone.now()

    def change(obj) -> None:
        obj.coverage_end = now

    _publish_page_change(page, user, change)


# -- key points -------------------------------------------------------------------


def update_key_points(page: Page, *, user: AbstractBaseUser, summary: Any) -> bool:
    """Publish new key points (the page's ``summary``): rich text as the
    page editor saves it, cleaned as an update's text is (the summary
    field's features, within ``MAX_BODY_LENGTH``); ``""`` clears them.
    Readers' pages and API clients get them at their next poll.

    Needs publish permission on the page, as the coverage does, and a live
    page (a ValidationError otherwise: publishing the key points of a page
    never published would publish the page). Returns whether they changed:
    the same key points again publish nothing.
    """
    blog = liveblog_of(page)
    access.check_blog(user, blog, publish=True)
    if not blog.live:
        # Publishing them would publish the whole page, draft and all.
        raise ValidationError(UNPUBLISHED, code="unpublished")
    field = type(blog)._meta.get_field("summary")
    value = clean.clean_rich_text(summary, "summary", getattr(field, "features", None))
    current = type(blog).objects.filter(pk=blog.pk).values_list("summary", flat=True)
    if (current.first() or "") == value:
        return False

    def change(obj) -> None:
        obj.summary = value

    _publish_page_change(blog, user, change)
    return True


def _publish_page_change(page: Page, user: AbstractBaseUser, change) -> None:
    """Publish ``change`` to the live blog page; carry it into a pending draft
    (the page editor's unpublished changes stay unpublished)."""
    blog = liveblog_of(page)

    def write() -> None:
        with write_transaction():
            locked = Page.objects.select_for_update().get(pk=blog.pk).specific
            access.check_blog(user, locked, publish=True)
            access.check_not_locked(locked, user)  # raises PageLocked
            if locked.first_published_at is not None and not locked.live:
                raise ValidationError(UNPUBLISHED, code="unpublished")
            draft = None
            if locked.live_revision_id and locked.has_unpublished_changes:
                if locked.latest_revision_id != locked.live_revision_id:
                    draft = locked.get_latest_revision_as_object()
            live = (
                locked
                if locked.live_revision_id
                else (locked.get_latest_revision_as_object())
            )
            change(live)
            revision = live.save_revision(user=user, log_action=True, clean=False)
            revision.publish(user=user)
            if draft is not None:
                change(draft)
                draft.save_revision(user=user, log_action=True, clean=False)

    retry_when_locked(write)
