"""Query-string parsing for the ``liveblogs`` endpoint.

Every parser raises :class:`wagtail_liveblog.views.BadParameter`, which the
endpoint turns into a 400 ``{"message": ..., "parameter": ...}``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.http import QueryDict
from django.utils.translation import gettext as _

from .. import conf
from ..views import BadParameter

# Accepted everywhere: jQuery-style cache busting, as Wagtail's API does.
ALWAYS_ALLOWED = frozenset({"_"})


def check_known(query: QueryDict, known: Iterable[str]) -> None:
    """A 400 for the first unknown parameter (sorted), as Wagtail's API does."""
    allowed = ALWAYS_ALLOWED.union(known)
    unknown = sorted(set(query.keys()) - allowed)
    if unknown:
        raise BadParameter(unknown[0], _("is not a recognised query parameter"))
    for name in query:
        if name not in ALWAYS_ALLOWED and len(query.getlist(name)) > 1:
            raise BadParameter(name, _("may be given only once"))


def _raw(query: QueryDict, name: str) -> str | None:
    raw = query.get(name)
    if raw is None:
        return None
    return raw.strip()


def parse_limit(query: QueryDict, default: int) -> int:
    raw = _raw(query, "limit")
    maximum = conf.get("MAX_PAGE_SIZE")
    if raw is None:
        return min(default, maximum)
    message = _("must be a whole number between 1 and %(max)s") % {"max": maximum}
    if not raw.isdigit() or not raw.isascii():
        raise BadParameter("limit", message)
    value = int(raw)
    if value < 1 or value > maximum:
        raise BadParameter("limit", message)
    return value


def parse_update_id(query: QueryDict, name: str) -> uuid.UUID | None:
    raw = _raw(query, name)
    if raw is None:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameter(name, _("must be the id of an update")) from None


def parse_since(query: QueryDict, current: int) -> int | None:
    raw = _raw(query, "since")
    if raw is None:
        return None
    if not raw.isdigit() or not raw.isascii():
        raise BadParameter("since", _("must be a version: a whole number"))
    value = int(raw)
    if value > current:
        raise BadParameter(
            "since",
            _("must be a version between 0 and %(current)s") % {"current": current},
        )
    return value
