"""Limits on what one update may hold, from the settings.

- ``MAX_HEADLINE_LENGTH``: characters in the headline;
- ``MAX_BLOCKS``: blocks in the body;
- ``MAX_BODY_LENGTH``: characters of body content, markup included (rich
  text as stored, captions, credits, alt texts, quotes, attributions, embed
  links).

An update is a short item shown to every reader at every poll: without
limits, one 10 MB post makes a 40 MB reader page and slows every later
post. The update model's ``clean()`` checks them (so the desk's forms
refuse), and so does the editing API, which also refuses input far over a
limit before cleaning it (``RAW_FACTOR``), so a huge post costs nothing.
Each error names the limit and the setting that changes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf

#: Input more than this many times over a limit is refused before it is
#: cleaned (cleaning only ever removes characters, markup and blocks).
RAW_FACTOR = 4

#: Dates an update may carry: far enough from the ends of the calendar that
#: every time zone, database and ISO-8601 output can hold them (a date near
#: year 9999 overflows when converted to UTC or to a reader's time zone).
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000


def setting(name: str) -> str:
    return f"{conf.SETTING_NAME}['{name}']"


def check_headline(headline: str) -> None:
    limit = conf.get("MAX_HEADLINE_LENGTH")
    if len(headline) > limit:
        raise ValidationError(
            _(
                "The headline has %(length)s characters; the limit is %(limit)s "
                "(%(setting)s)."
            ),
            params={
                "length": len(headline),
                "limit": limit,
                "setting": setting("MAX_HEADLINE_LENGTH"),
            },
            code="headline_too_long",
        )


def check_block_count(count: int, *, at_least: bool = False) -> None:
    """``at_least``: counting stopped at ``count`` (a long iterator)."""
    limit = conf.get("MAX_BLOCKS")
    if count > limit:
        params = {"count": count, "limit": limit, "setting": setting("MAX_BLOCKS")}
        if at_least:
            message = _(
                "The body has at least %(count)s blocks; the limit is %(limit)s "
                "(%(setting)s)."
            )
        else:
            message = _(
                "The body has %(count)s blocks; the limit is %(limit)s (%(setting)s)."
            )
        raise ValidationError(message, params=params, code="too_many_blocks")


def check_body_length(length: int) -> None:
    limit = conf.get("MAX_BODY_LENGTH")
    if length > limit:
        raise ValidationError(
            _(
                "The body has %(length)s characters, markup included; the "
                "limit is %(limit)s (%(setting)s)."
            ),
            params={
                "length": length,
                "limit": limit,
                "setting": setting("MAX_BODY_LENGTH"),
            },
            code="body_too_long",
        )


def date_in_range(value: datetime) -> datetime:
    """``value`` (made aware if naive), or ``OverflowError``/``ValueError``
    when it is outside ``EARLIEST_YEAR``–``LATEST_YEAR``."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    in_utc = value.astimezone(UTC)
    if not all(EARLIEST_YEAR <= v.year <= LATEST_YEAR for v in (value, in_utc)):
        raise OverflowError(value)
    return value


def date_error(name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s must be a date between the years %(first)s and %(last)s."),
        params={"name": name, "first": EARLIEST_YEAR, "last": LATEST_YEAR},
        code=f"invalid_{name}",
    )


def check_date(value: datetime | None, name: str) -> None:
    if value is None:
        return
    try:
        date_in_range(value)
    except (OverflowError, ValueError):
        raise date_error(name) from None


def text_length(value: Any, depth: int = 3) -> int:
    """The characters of the texts in a body block's value (a string, or
    the strings in a dict or list of them); ids and numbers count nothing."""
    if isinstance(value, str):
        return len(value)
    if depth <= 0:
        return 0
    if isinstance(value, Mapping):
        return sum(text_length(item, depth - 1) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(text_length(item, depth - 1) for item in value)
    source = getattr(value, "source", None)  # RichText
    return len(source) if isinstance(source, str) else 0


def body_length(items: Iterable[Any]) -> int:
    """The characters of body content of raw StreamField items
    (``{"type", "value"}`` dicts)."""
    return sum(
        text_length(item.get("value")) for item in items if isinstance(item, Mapping)
    )


def check_body(items: list[Any]) -> None:
    """The block and size limits of a body's raw items, both reported."""
    errors = []
    for check, measure in (
        (check_block_count, len(items)),
        (check_body_length, body_length(items)),
    ):
        try:
            check(measure)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)


def stream_items(body) -> list[Any]:
    """Raw items of a ``StreamValue`` (or a list of them)."""
    if body is None:
        return []
    if hasattr(body, "get_prep_value"):
        return list(body.get_prep_value())
    return list(body)
