"""Query-string parsing shared by the reader routes and the ``liveblogs`` API.

Every parser raises :class:`BadParameter`; the routes answer it with a 400
``{"message": ..., "parameter": ...}`` (or the reader page's error page).
Numbers are ASCII digits only: no sign, no spaces, no other scripts' digits,
and no more than :data:`MAX_DIGITS` of them (``int()`` refuses very long
strings, and no real value is that long).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from . import conf

# Accepted everywhere: jQuery-style cache busting, as Wagtail's API does.
ALWAYS_ALLOWED = frozenset({"_"})

# More than any version, limit or offset can be (2**63 has 19 digits).
MAX_DIGITS = 19


class BadParameter(Exception):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def whole_number(raw: str) -> int | None:
    """``raw`` as a non-negative integer, or None if it is not one."""
    if not raw or len(raw) > MAX_DIGITS or not raw.isascii() or not raw.isdigit():
        return None
    return int(raw)


def check_known(query: QueryDict, known: Iterable[str]) -> None:
    """A 400 for the first unknown parameter (sorted), as Wagtail's API does."""
    allowed = ALWAYS_ALLOWED.union(known)
    unknown = sorted(set(query.keys()) - allowed)
    if unknown:
        raise BadParameter(unknown[0], _("is not a recognised query parameter"))
    for name in query:
        if name not in ALWAYS_ALLOWED and len(query.getlist(name)) > 1:
            raise BadParameter(name, _("may be given only once"))


def parse_limit(query: QueryDict, default: int) -> int:
    """``limit``: 1 to ``MAX_PAGE_SIZE``; ``default`` (capped) when absent."""
    raw = query.get("limit")
    maximum = conf.get("MAX_PAGE_SIZE")
    if raw is None:
        return min(default, maximum)
    value = whole_number(raw)
    if value is None or value < 1 or value > maximum:
        raise BadParameter(
            "limit",
            _("must be a whole number between 1 and %(max)s") % {"max": maximum},
        )
    return value


def parse_offset(query: QueryDict, maximum: int) -> int:
    """``offset``: 0 to ``maximum``; 0 when absent."""
    raw = query.get("offset")
    if raw is None:
        return 0
    value = whole_number(raw)
    if value is None or value > maximum:
        raise BadParameter(
            "offset",
            _("must be a whole number from 0 to %(max)s") % {"max": maximum},
        )
    return value


def parse_update_id(query: QueryDict, name: str) -> uuid.UUID | None:
    """An update id (a UUID), or None when the parameter is absent."""
    raw = query.get(name)
    if raw is None:
        return None
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise BadParameter(name, _("must be the id of an update")) from None


def parse_version(query: QueryDict, name: str, current: int) -> int | None:
    """A version from 0 to ``current``, or None when the parameter is absent."""
    raw = query.get(name)
    if raw is None:
        return None
    value = whole_number(raw)
    if value is None:
        raise BadParameter(name, _("must be a version: a whole number"))
    if value > current:
        raise BadParameter(
            name,
            _("must be a version between 0 and %(current)s") % {"current": current},
        )
    return value


# -- the reader page's views: ``filter``, ``order`` and their cursors -----------

FILTER_KEY_EVENTS = "key-events"
ORDER_NEWEST = "newest"
ORDER_OLDEST = "oldest"


def parse_choice(query: QueryDict, name: str, choices: Iterable[str]) -> str | None:
    """One of ``choices``, or None when the parameter is absent."""
    raw = query.get(name)
    if raw is None:
        return None
    choices = tuple(choices)
    if raw not in choices:
        raise BadParameter(
            name,
            _("must be one of: %(choices)s") % {"choices": ", ".join(choices)},
        )
    return raw


@dataclass(frozen=True)
class ReaderView:
    """Which updates a reader page shows, and in which order.

    ``?filter=key-events`` keeps the key events only; ``?order=oldest``
    reads from the first update forward. Newest-first views page back with
    ``before=<id>``, the oldest-first view pages forward with ``after=<id>``.
    """

    key_events: bool = False
    oldest_first: bool = False

    @property
    def is_default(self) -> bool:
        return not (self.key_events or self.oldest_first)

    @property
    def cursor_name(self) -> str:
        """The parameter that pages on in this view's order."""
        return "after" if self.oldest_first else "before"

    @property
    def filter(self) -> str | None:
        return FILTER_KEY_EVENTS if self.key_events else None

    @property
    def order(self) -> str:
        return ORDER_OLDEST if self.oldest_first else ORDER_NEWEST

    def query(self) -> list[tuple[str, str]]:
        """The view's own query parameters (none for the default view)."""
        params = []
        if self.key_events:
            params.append(("filter", FILTER_KEY_EVENTS))
        if self.oldest_first:
            params.append(("order", ORDER_OLDEST))
        return params


def parse_reader_view(query: QueryDict) -> ReaderView:
    """``filter`` and ``order``; and the cursor that does not belong to the
    order (``after`` newest first, ``before`` oldest first) is an error."""
    key_events = parse_choice(query, "filter", (FILTER_KEY_EVENTS,)) is not None
    order = parse_choice(query, "order", (ORDER_NEWEST, ORDER_OLDEST))
    view = ReaderView(key_events=key_events, oldest_first=order == ORDER_OLDEST)
    if view.oldest_first and "before" in query:
        raise BadParameter("before", _("cannot be used with order=oldest: use after"))
    if not view.oldest_first and "after" in query:
        raise BadParameter("after", _("needs order=oldest: use before"))
    return view
