"""Where each message of a structured ``ValidationError`` belongs.

The editing API raises ``ValidationError``s that keep their structure: a
dict by field, the body's a ``StreamBlockValidationError`` by item index,
an item's a ``StructBlockValidationError`` by field (``editing/body.py``).
:func:`locations` walks one into ``(location, message, code)`` triples
whose location is the path of the offending value in the input, as JSON
Schema validators and Django Ninja name them: ``("headline",)``,
``("body", 2, "value", "credit")``, ``("body", 0, "type")``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    loc: Location
    message: str
    code: str


def _messages(error: ValidationError, loc: Location) -> Iterator[Located]:
    for item in error.error_list:
        message = item.message % item.params if item.params else item.message
        yield Located(loc, str(message), item.code or "invalid")


def _non_block(error, loc: Location) -> Iterator[Located]:
    for item in error.non_block_errors.as_data():
        yield from locations(item, loc)


def _item(error: ValidationError, loc: Location) -> Iterator[Located]:
    """An item of a stream: ``{"type", "value"}``. Its block's errors are
    about its value (a struct's by field); ``editing.body.ItemKeyError``
    names the item itself (``key`` None) or one of its keys."""
    if hasattr(error, "key"):
        where = loc if error.key is None else (*loc, error.key)
        yield from _messages(error, where)
    else:
        yield from locations(error, (*loc, "value"))


def locations(error: ValidationError, loc: Location = ()) -> Iterator[Located]:
    """Each message of ``error`` with where it belongs, under ``loc``."""
    if isinstance(error, StreamBlockValidationError):
        yield from _non_block(error, loc)
        for index, child in sorted(error.block_errors.items()):
            yield from _item(child, (*loc, index))
    elif isinstance(error, ListBlockValidationError):
        yield from _non_block(error, loc)
        for index, child in sorted(error.block_errors.items()):
            yield from locations(child, (*loc, index))
    elif isinstance(error, StructBlockValidationError):
        yield from _non_block(error, loc)
        for name, child in error.block_errors.items():
            yield from locations(child, (*loc, name))
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            where = loc if field == NON_FIELD_ERRORS else (*loc, field)
            for child in errors:
                yield from locations(child, where)
    elif len(error.error_list) > 1 or error.error_list[0] is not error:
        for child in error.error_list:
            yield from locations(child, loc)
    else:
        yield from _messages(error, loc)


def _in_words(loc: Location) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"item {part + 1}")
        elif part != "value":
            parts.append(str(part))
    return " › ".join(parts)


def readable(error: ValidationError) -> list[str]:
    """The messages of ``error`` with where they belong, in words, for a log
    or a chat reply ("body › item 3 › credit: This field is required.")."""
    lines = []
    for found in locations(error):
        where = _in_words(found.loc)
        lines.append(f"{where}: {found.message}" if where else found.message)
    return lines


class UpdateValidationError(ValidationError):
    """What the editing API raises: a ``ValidationError`` by field that
    keeps its structure (``locations``) and reads as words where it meets a
    person: ``messages`` and ``str()`` say where each message belongs
    ("body › item 3 › credit: This field is required.")."""

    @property
    def messages(self) -> list[str]:
        return readable(self)

    def __str__(self) -> str:
        return "; ".join(readable(self))
