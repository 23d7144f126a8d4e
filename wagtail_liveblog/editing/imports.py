"""Importing updates: many at once (a blog moved from another system, a
wire feed's backlog), checked item by item before anything is written,
then published together by ``bulk.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .. import access
from ..db import retry_when_locked, write_transaction
from ..models.update import LiveBlogUpdate
from . import clean, errors
from .blogs import liveblog_of
from .bulk import publish_new_updates

__all__ = ["import_updates"]

IMPORT_FIELDS = ("id", *clean.UPDATE_FIELDS)


def import_updates(
    page: Page, *, user: AbstractBaseUser, updates: Iterable[Mapping[str, Any]]
) -> list[str]:
    """Publish many updates at once (a blog moved from another system, a
    wire feed's backlog) and return their ids in the order given.

    Each item: optional ``id`` (a UUID, kept as the update's public id),
    ``headline``, ``body``, ``pinned``, ``key_event``, ``authors``
    (default: ``user``), ``posted_at``. Items come oldest first;
    those without ``posted_at`` are stamped with the import time, in that order. Nothing is written
    unless every item is valid (``ValidationError`` naming the item). The
    cost is O(n) in the items, in one transaction and one new version.
    """
    blog = liveblog_of(page)
    access.check_blog(user, blog, publish=True)
    if isinstance(updates, str | bytes | Mapping) or not isinstance(updates, Iterable):
        raise ValidationError(
            _("updates must be a list of updates."), code="invalid_updates"
        )
    rows = _import_rows(blog, list(updates), user)
    if not rows:
        return []

    def write() -> None:
        with write_transaction():
            publish_new_updates(blog, rows, user)

    retry_when_locked(write)
    return [str(row.pk) for row in rows]


def _import_rows(blog, items: list[Any], user) -> list[LiveBlogUpdate]:
    rows: list[LiveBlogUpdate] = []
    seen: set[uuid.UUID] = set()
    now = timezone.now()
    for position, item in enumerate(items, start=1):
        try:
            if not isinstance(item, Mapping):
                raise ValidationError(_("an update is a dict of fields."))
            fields = dict(item)
            raw_id = fields.pop("id", None)
            key = uuid.uuid4() if raw_id in (None, "") else _import_id(raw_id)
            if key in seen:
                raise ValidationError(
                    _("the id %(id)s is given twice."), params={"id": key}
                )
            seen.add(key)
            values = clean.clean_update(fields, user=user, blog=blog)
            values["authors"] = values.get("authors") or clean.poster(user)
            if values.get("posted_at") is None:
                values["posted_at"] = now + timedelta(microseconds=position)
            row = LiveBlogUpdate(id=key, blog=blog, **values)
            clean.check_update(row)
        except ValidationError as error:
            raise ValidationError(
                [f"Update {position}: {line}" for line in errors.readable(error)],
                code="invalid_import",
            ) from error
        rows.append(row)
    taken = set(LiveBlogUpdate.objects.filter(pk__in=seen).values_list("pk", flat=True))
    if taken:
        raise ValidationError(
            _("These ids are already updates: %(ids)s."),
            params={"ids": ", ".join(sorted(str(key) for key in taken)[:10])},
            code="duplicate_id",
        )
    return rows


def _import_id(raw: Any) -> uuid.UUID:
    try:
        return raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError(
            _("id %(id)r is not a UUID."), params={"id": str(raw)[:64]}
        ) from None
