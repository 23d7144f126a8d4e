"""Atomic editing of a live blog: the Python API behind the live desk.

Every function here runs in one transaction under a row lock on the page,
so concurrent calls on one blog are applied one after the other and none is
lost. Each one:

1. checks that ``user`` may publish the page (``PermissionDenied`` if not,
   ``PageLocked`` if a Wagtail lock stops the user) before writing anything;
2. builds on the blog as it is published *now* (read after taking the lock,
   so it sees what others just committed);
3. makes its one change, validates it (``ValidationError`` with readable
   messages), saves a revision as ``user`` and publishes it, so Wagtail's
   history shows who did what, ``posted_at``/``updated_at`` are stamped and
   the read model is synced by the ``page_published`` signal.

Drafts: if someone has unpublished changes on the page (a new intro, say),
those are **not** published by a desk action. The change is applied to the
live version and published; then the same change (with the stamps it got at
publish) is carried into the draft, saved as a new latest revision, so the
draft keeps its own edits and no longer lacks the new update. A blog that
has never been published has no live version: the action builds on its
latest revision and publishes it (the first post publishes the blog). A
blog that was published and then unpublished (taken down) is refused with a
``ValidationError``: a desk action would otherwise put it, and its latest
draft, back online.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .locking import lock_page
from .stamping import load_stream
from .update_input import (
    changed_update_value,
    new_update_value,
    validate_update,
)

__all__ = [
    "PageLocked",
    "UpdateNotFound",
    "edit_update",
    "end_coverage",
    "post_update",
    "remove_update",
    "start_coverage",
]


UNPUBLISHED = _("This live blog is unpublished: publish it from the page editor first.")


class UpdateNotFound(ValidationError, LookupError):
    """The blog has no update with that id (also a ``ValidationError``)."""

    def __init__(self, update_id: Any):
        self.update_id = update_id
        super().__init__(
            _("This live blog has no update with the id %(id)s."),
            params={"id": update_id},
            code="unknown_update",
        )


class PageLocked(PermissionDenied):
    """A Wagtail lock (set by a user, a workflow or a schedule) stops the user."""


# -- the API ----------------------------------------------------------------


def post_update(
    page: Page,
    *,
    user: AbstractBaseUser,
    headline: str = "",
    body: Any = (),
    pinned: bool = False,
    key_event: bool = False,
    author: str = "",
    posted_at: Any = None,
) -> str:
    """Publish a new update at the top of the blog and return its id.

    ``posted_at`` (a datetime or ISO-8601 string) is stamped at publish when
    left empty; give it only to back-date an update.
    """
    update_id = str(uuid.uuid4())

    def change(obj) -> None:
        value = new_update_value(
            obj,
            headline=headline,
            body=body,
            pinned=pinned,
            key_event=key_event,
            author=author,
            posted_at=posted_at,
            user=user,
        )
        validate_update(obj, value)
        items = _items(obj)
        items.insert(
            _position(items, value["posted_at"]),
            {"type": "update", "value": value, "id": update_id},
        )
        obj.updates = items

    _run(page, user, change, _carry_update(update_id, insert=True))
    return update_id


def edit_update(
    page: Page, update_id: Any, *, user: AbstractBaseUser, **changes: Any
) -> None:
    """Change fields of one update and publish.

    ``changes`` among ``headline``, ``body`` (replaces the whole body),
    ``pinned``, ``key_event``, ``author``, ``posted_at``; any other key is a
    ``ValidationError``. An edit that changes nothing publishes nothing.
    """
    key = _update_key(update_id)

    def change(obj) -> bool:
        items = _items(obj)
        index = _index(items, key)
        value = changed_update_value(
            obj, items[index].get("value") or {}, changes, user=user
        )
        if value == items[index].get("value"):
            return False
        validate_update(obj, value)
        items[index] = {**items[index], "value": value}
        obj.updates = items
        return True

    _run(page, user, change, _carry_update(key, insert=False))


def remove_update(page: Page, update_id: Any, *, user: AbstractBaseUser) -> None:
    """Remove one update and publish; readers' pages drop it at the next poll."""
    key = _update_key(update_id)

    def change(obj) -> None:
        items = _items(obj)
        del items[_index(items, key)]
        obj.updates = items

    def carry(draft, published_items) -> bool:
        items = _items(draft)
        kept = [item for item in items if str(item.get("id")) != key]
        draft.updates = kept
        return len(kept) != len(items)

    _run(page, user, change, carry)


def start_coverage(page: Page, *, user: AbstractBaseUser) -> None:
    """Make the blog live now: coverage starts (unless it already has) and
    any end is cleared."""
    now = timezone.now()

    def change(obj) -> None:
        if obj.coverage_start is None or obj.coverage_start > now:
            obj.coverage_start = now
        obj.coverage_end = None

    _run(page, user, change, _carry_coverage)


def end_coverage(page: Page, *, user: AbstractBaseUser) -> None:
    """End the coverage now; readers' pages stop polling."""
    now = timezone.now()

    def change(obj) -> None:
        if obj.coverage_start is None or obj.coverage_start > now:
            obj.coverage_start = now
        obj.coverage_end = now

    _run(page, user, change, _carry_coverage)


# -- the transaction ----------------------------------------------------------


Change = Callable[[Any], Any]
Carry = Callable[[Any, list[dict[str, Any]]], bool]


def check_can_publish(page: Page, user: AbstractBaseUser) -> None:
    """Raise ``PermissionDenied``/``PageLocked`` unless ``user`` may publish ``page``."""
    if user is None or not page.permissions_for_user(user).can_publish():
        raise PermissionDenied(
            _("You do not have permission to publish this live blog.")
        )
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        raise PageLocked(lock.get_message(user) or lock.get_description(user))


def _run(page: Page, user, change: Change, carry: Carry) -> None:
    with transaction.atomic():
        locked = lock_page(page).specific
        check_can_publish(locked, user)
        if locked.first_published_at is not None and not locked.live:
            raise ValidationError(UNPUBLISHED, code="unpublished")
        live, draft = _live_and_draft(locked)
        if change(live) is False:
            return
        revision = live.save_revision(user=user, log_action=True, clean=False)
        revision.publish(user=user)
        if draft is not None:
            # ``revision.content`` now holds the stamps the publish added.
            published_items = load_stream((revision.content or {}).get("updates"))
            if carry(draft, published_items):
                draft.save_revision(user=user, log_action=True, clean=False)


def _live_and_draft(page) -> tuple[Any, Any]:
    """The object to change and publish, and the draft to carry the change into."""
    if not page.live_revision_id:
        return page.get_latest_revision_as_object(), None
    if (
        not page.has_unpublished_changes
        or page.latest_revision_id == page.live_revision_id
    ):
        return page, None
    return page.live_revision.as_object(), page.get_latest_revision_as_object()


def _carry_update(update_id: str, *, insert: bool) -> Carry:
    """Copy the published version of one update into the draft, by id."""

    def carry(draft, published_items) -> bool:
        published = next(
            (item for item in published_items if str(item.get("id")) == update_id), None
        )
        if published is None:
            return False
        items = _items(draft)
        for index, item in enumerate(items):
            if str(item.get("id")) == update_id:
                items[index] = published
                break
        else:
            if not insert:
                # The draft removed this update on purpose; leave it removed.
                return False
            items.insert(0, published)
        draft.updates = items
        return True

    return carry


def _carry_coverage(draft, published_items) -> bool:
    # The draft is rebuilt from the live page's coverage times.
    live = type(draft).objects.only("coverage_start", "coverage_end").get(pk=draft.pk)
    draft.coverage_start, draft.coverage_end = live.coverage_start, live.coverage_end
    return True


# -- stream helpers ------------------------------------------------------------


def _items(obj) -> list[dict[str, Any]]:
    return [dict(item) for item in obj.updates.raw_data]


def _update_key(update_id: Any) -> str:
    try:
        return str(uuid.UUID(str(update_id)))
    except (TypeError, ValueError, AttributeError):
        raise UpdateNotFound(update_id) from None


def _index(items: list[dict[str, Any]], key: str) -> int:
    for index, item in enumerate(items):
        if item.get("type") == "update" and str(item.get("id")) == key:
            return index
    raise UpdateNotFound(key)


def _position(items: list[dict[str, Any]], posted_at: str | None) -> int:
    """Top of the stream, or (for a back-dated update) below newer ones."""
    if posted_at is None:
        return 0
    from .rendering import parse_time

    when = parse_time(posted_at)
    for index, item in enumerate(items):
        other = parse_time((item.get("value") or {}).get("posted_at"))
        if other is None or other > when:
            continue
        return index
    return len(items)
