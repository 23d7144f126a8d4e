"""The Python editing API: what the live desk, the write API, chat ingest
and scripts call to post and correct updates.

Each call is one short transaction whose cost does not grow with the size
of the blog: an update is a row of its own, with Wagtail's own revisions,
publishing and history. Each call:

1. checks that ``user`` may do it, from the blog page's permissions:
   publishing (or scheduling, or changing a published update, or removing
   one) needs publish permission on the page; drafts need edit permission.
   ``PermissionDenied`` otherwise, ``UpdateLocked`` when a Wagtail lock (a
   user's, a workflow's or a schedule's) stops the user;
2. checks the input and raises ``ValidationError`` with readable messages
   before writing anything;
3. saves a revision as ``user`` (so the update's history shows who did
   what) and publishes it unless asked not to.

On SQLite the transaction takes the write lock when it begins and waits
for other writers, so reporters posting at the same moment all succeed
(see ``db.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from .. import access
from ..access import UpdateLocked
from ..db import retry_when_locked, write_transaction
from ..models.authors import LiveBlogUpdateAuthor
from ..models.update import LiveBlogUpdate
from . import clean, errors
from .blogs import liveblog_of

__all__ = [
    "UpdateLocked",
    "UpdateNotFound",
    "edit_update",
    "post_update",
    "remove_update",
]


class UpdateNotFound(ValidationError, LookupError):
    """The blog has no update with that id (also a ``ValidationError``)."""

    def __init__(self, update_id: Any):
        self.update_id = update_id
        super().__init__(
            _("This live blog has no update with the id %(id)s."),
            params={"id": str(update_id)[:64]},
            code="unknown_update",
        )


# -- which update ----------------------------------------------------------------


def _update_key(update_id: Any) -> uuid.UUID:
    if isinstance(update_id, uuid.UUID):
        return update_id
    try:
        return uuid.UUID(str(update_id))
    except (TypeError, ValueError, AttributeError):
        raise UpdateNotFound(update_id) from None


# -- posting ----------------------------------------------------------------------


def post_update(
    page: Page,
    *,
    user: AbstractBaseUser,
    headline: str = "",
    body: Any = (),
    pinned: bool = False,
    key_event: bool = False,
    authors: Any = None,
    posted_at: Any = None,
    publish: bool = True,
    go_live_at: Any = None,
) -> str:
    """Post a new update and return its id.

    Published at once by default; ``publish=False`` saves a draft (edit
    permission is enough) and ``go_live_at`` (a future datetime or ISO-8601
    string) schedules it for ``manage.py publish_scheduled``. ``authors``
    lists, in byline order, users who may edit the blog (user objects, ids
    or ``{"user": id}``) and names as free text (``"AP"`` or
    ``{"name": "AP"}``); left out, the user who posts is the author.
    ``posted_at`` is stamped at first publish when left empty; give it only
    to back-date an update.
    """
    blog = liveblog_of(page)
    try:
        go_live = clean.clean_datetime(go_live_at, "go_live_at")
    except ValidationError as error:
        raise errors.UpdateValidationError({"go_live_at": [error]}) from None
    publish = bool(publish) or go_live is not None
    access.check_blog(user, blog, publish=publish)
    values = clean.clean_update(
        {
            "headline": headline,
            "body": body,
            "pinned": pinned,
            "key_event": key_event,
            "authors": authors,
            "posted_at": posted_at,
        },
        user=user,
        blog=blog,
    )
    credited = values.pop("authors", None) or clean.poster(user)
    update_id = uuid.uuid4()
    update = LiveBlogUpdate(blog=blog, go_live_at=go_live, **values)
    clean.check_update(update)
    values = {name: getattr(update, name) for name in values}

    def write() -> None:
        # Built afresh on each try: a failed try leaves stale revision ids.
        update = LiveBlogUpdate(
            id=update_id,
            blog=blog,
            live=False,
            go_live_at=go_live,
            authors=_fresh(credited),
            **values,
        )
        with write_transaction():
            # Wagtail's reference index is brought up to date by the
            # publishing save; a draft's own save does it otherwise.
            with disable_reference_index_auto_update() if publish else nullcontext():
                update.save()
            revision = update.save_revision(user=user, clean=False)
            log(
                instance=update,
                action="wagtail.create",
                user=user,
                revision=revision,
                content_changed=True,
            )
            if publish:
                # Permission was checked above, from the blog page.
                revision.publish(user=user, skip_permission_checks=True)

    retry_when_locked(write)
    return str(update_id)


def edit_update(
    page: Page, update_id: Any, *, user: AbstractBaseUser, **changes: Any
) -> None:
    """Change fields of one update.

    ``changes`` among ``headline``, ``body`` (replaces the whole body),
    ``pinned``, ``key_event``, ``authors`` (replaces the authors; see
    ``post_update``), ``posted_at``, plus ``publish``:

    - left out: a published update's change is made to its published
      version and published at once (a colleague's pending draft stays
      unpublished, and gets the same change); a draft stays a draft;
    - ``publish=True``: the latest version (a pending draft included),
      with the changes, is published;
    - ``publish=False``: the change is saved as a draft, for review.

    Any other key is a ``ValidationError``; an edit that changes nothing
    saves nothing.
    """
    blog = liveblog_of(page)
    key = _update_key(update_id)
    publish = changes.pop("publish", None)

    def write() -> None:
        with write_transaction():
            update = (
                LiveBlogUpdate.objects.select_for_update()
                .filter(blog_id=blog.pk, pk=key)
                .first()
            )
            if update is None:
                raise UpdateNotFound(update_id)
            publishing = update.live if publish is None else bool(publish)
            access.check(user, "change", update)
            if publishing:
                access.check(user, "publish", update)
            access.check_not_locked(update, user)
            values = clean.clean_update(
                changes,
                user=user,
                blog=blog,
                kept_images=clean.image_ids(update.body),
            )
            if update.live and publish is None:
                _publish_change(update, values, user)
            else:
                _save_change(update, values, user, publish=publishing)

    retry_when_locked(write)


def _apply(obj: LiveBlogUpdate, values: dict[str, Any]) -> bool:
    """Set ``values`` on ``obj``; whether anything changed."""
    changed = False
    for name, value in values.items():
        current = obj.body.raw_data if name == "body" else getattr(obj, name)
        if name == "authors":
            differs = _credits(obj.authors.all()) != _credits(value)
            value = _fresh(value)
        elif name == "body":
            current = [{k: i.get(k) for k in ("type", "value")} for i in current]
            new = [
                {k: i.get(k) for k in ("type", "value")} for i in value.get_prep_value()
            ]
            differs = current != new
        else:
            differs = current != value
        if differs:
            setattr(obj, name, value)
            changed = True
    return changed


def _fresh(authors: Iterable[LiveBlogUpdateAuthor]) -> list[LiveBlogUpdateAuthor]:
    """Unsaved copies of ``authors``, for one more try at writing."""
    return [LiveBlogUpdateAuthor(user=a.user, name=a.name) for a in authors]


def _credits(authors: Iterable[LiveBlogUpdateAuthor]) -> list[tuple]:
    return [(author.user_id, author.name) for author in authors]


def _publish_change(
    update: LiveBlogUpdate, values: dict[str, Any], user: AbstractBaseUser
) -> None:
    """Change the published version and publish it; carry the change into a
    pending draft."""
    draft_revision = None
    if update.has_unpublished_changes and update.latest_revision_id not in (
        None,
        update.live_revision_id,
    ):
        draft_revision = update.latest_revision
    if not _apply(update, values):
        return
    clean.check_update(update)
    revision = update.save_revision(user=user, log_action=True, clean=False)
    revision.publish(user=user, skip_permission_checks=True)
    if draft_revision is not None:
        draft = draft_revision.as_object()
        if _apply(draft, values):
            draft.save_revision(user=user, log_action=True, clean=False)


def _save_change(
    update: LiveBlogUpdate,
    values: dict[str, Any],
    user: AbstractBaseUser,
    *,
    publish: bool,
) -> None:
    """Change the latest version (a draft, if there is one) and save it;
    with ``publish``, publish it — a pending draft with no further change
    included."""
    obj = update.get_latest_revision_as_object()
    if _apply(obj, values):
        clean.check_update(obj)
        if not update.live:
            obj.save()  # a never-published update's row holds its draft
        revision = obj.save_revision(user=user, log_action=True, clean=False)
    elif (
        publish
        and update.latest_revision_id
        and (not update.live or update.has_unpublished_changes)
    ):
        clean.check_update(obj)
        revision = update.latest_revision
    else:
        return
    if publish:
        revision.publish(user=user, skip_permission_checks=True)


def remove_update(page: Page, update_id: Any, *, user: AbstractBaseUser) -> None:
    """Delete one update; readers' pages drop it at their next poll.

    A published (or once published) update needs publish permission; a
    draft that never went out, edit permission.
    """
    blog = liveblog_of(page)
    key = _update_key(update_id)

    def write() -> None:
        with write_transaction():
            update = (
                LiveBlogUpdate.objects.select_for_update()
                .filter(blog_id=blog.pk, pk=key)
                .first()
            )
            if update is None:
                raise UpdateNotFound(update_id)
            access.check(user, "delete", update)
            log(instance=update, action="wagtail.delete", user=user)
            update.delete()

    retry_when_locked(write)
