"""An update's body from plain data: ``{"type", "value"}`` items in, the
body block's own value out, checked once by the block's own ``clean``.

Input reaches the body as JSON-ish data (the write API, chat ingest,
scripts) or as the admin form's ``StreamValue`` (the desk's composer).
Data is first put in the block's shape — each item a known type whose
value has the fields of that type, text as Wagtail's database HTML
(``rich_text.to_database_html``), images by id — then ``to_python`` and
``clean`` of the update model's body ``StreamBlock`` decide. Every error
keeps its place: a ``StreamBlockValidationError`` whose ``block_errors``
are keyed by item index and, inside an item, a
``StructBlockValidationError`` keyed by field, exactly as Wagtail's own
forms report them, so the desk shows each message beside its field and the
API reports its location (``["body", 2, "value", "credit"]``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sized
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model

from .. import conf, limits
from ..access import images
from ..models.update import LiveBlogUpdate
from . import rich_text

#: Image ids are 32-bit integers: a larger number is no image.
MAX_IMAGE_ID = 2**31 - 1


class ItemKeyError(ValidationError):
    """An error about a body item itself (``key`` None) or one of its keys
    (``type`` or ``value``), rather than about a field of its value."""

    def __init__(self, key: str | None, message, *, code: str, params=None):
        super().__init__(message, code=code, params=params)
        self.key = key


def body_block():
    """The update model's body ``StreamBlock``."""
    return LiveBlogUpdate._meta.get_field("body").stream_block


def _struct_fields(kind: str) -> tuple[str, ...]:
    return tuple(body_block().child_blocks[kind].child_blocks)


def _field_error(name: str, message, code: str, params=None) -> ValidationError:
    return StructBlockValidationError(
        block_errors={name: ValidationError(message, code=code, params=params)}
    )


def _raw_items(body: Any) -> list[Any]:
    """The raw items, refused before any of them is looked at when there
    are too many, or when their text is far over the size limit
    (``limits.RAW_FACTOR``; cleaning only removes)."""
    if isinstance(body, str | bytes | Mapping) or not isinstance(body, Iterable):
        raise ValidationError(
            _('The body must be a list of {"type": …, "value": …} items.'),
            code="invalid_body",
        )
    if isinstance(body, Sized):
        limits.check_block_count(len(body))
    raw = list(islice(body, conf.get("MAX_BLOCKS") + 1))
    limits.check_block_count(len(raw), at_least=True)
    length = limits.body_length(raw)
    if length > conf.get("MAX_BODY_LENGTH") * limits.RAW_FACTOR:
        limits.check_body_length(length)
    return raw


def _block_id(value: Any) -> str:
    """A body item's own id: kept when it is a sensible one, else a new one."""
    if isinstance(value, str) and 0 < len(value) <= 64 and value.isprintable():
        return value
    return str(uuid.uuid4())


def _text(value: Any) -> str:
    raw = rich_text.input_text(value)
    if raw is None:
        raise ItemKeyError(
            "value", _("A text value is HTML (a string)."), code="invalid_text"
        )
    if rich_text.nesting_depth(raw) > rich_text.MAX_NESTING:
        raise ItemKeyError(
            "value",
            _("The text is nested more than %(max)s levels deep."),
            params={"max": rich_text.MAX_NESTING},
            code="too_deep",
        )
    features = body_block().child_blocks["text"].features
    try:
        return rich_text.to_database_html(value, features)
    except rich_text.RichTextInputError as error:
        raise ItemKeyError("value", str(error), code="invalid_text") from None


def _embed(value: Any) -> str:
    """An embed's link, given as a string or as ``{"url": ...}``."""
    if isinstance(value, Mapping) and set(value) <= {"url"}:
        value = value.get("url")
    if not isinstance(value, str) or not value.strip():
        raise ItemKeyError(
            "value",
            _('An embed value is a link (or {"url": link}).'),
            code="invalid_embed",
        )
    return value.strip()


def _image_id(value: Any) -> int:
    if isinstance(value, bool):
        value = None
    try:
        image_id = int(value)
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(
            _("An image is an image id, not %(value)r."),
            params={"value": value if value is None else str(value)[:32]},
            code="invalid_image",
        ) from None
    usable = 0 < image_id <= MAX_IMAGE_ID and (
        get_image_model().objects.filter(pk=image_id).exists()
    )
    if not usable:
        raise ValidationError(
            images.CANNOT_USE_IMAGE, params={"id": image_id}, code="image_not_allowed"
        )
    return image_id


def _struct(kind: str, value: Any) -> dict[str, Any]:
    fields = _struct_fields(kind)
    if not isinstance(value, Mapping):
        raise ItemKeyError(
            "value",
            _("A %(type)s value is an object with %(fields)s."),
            params={"type": kind, "fields": ", ".join(fields)},
            code="invalid_value",
        )
    errors: dict[str, ValidationError] = {}
    for name in value:
        if name not in fields:
            errors[str(name)[:64]] = ValidationError(
                _("Not a field of a %(type)s: use %(fields)s."),
                params={"type": kind, "fields": ", ".join(fields)},
                code="unknown_field",
            )
    out: dict[str, Any] = {}
    for name in fields:
        given = value.get(name)
        if kind == "image" and name == "image":
            try:
                out[name] = _image_id(given)
            except ValidationError as error:
                errors[name] = error
        elif given is None or isinstance(given, str):
            out[name] = given or ""
        else:
            errors[name] = ValidationError(_("This is text."), code="invalid_text")
    if errors:
        raise StructBlockValidationError(block_errors=errors)
    return out


def _item(item: Any) -> dict[str, Any]:
    """One raw item in the block's shape, or the error saying what is wrong."""
    kinds = body_block().child_blocks
    if not isinstance(item, Mapping):
        raise ItemKeyError(
            None,
            _('An item is an object with a "type" and a "value".'),
            code="invalid_item",
        )
    kind = item.get("type")
    if not isinstance(kind, str) or kind not in kinds:
        raise ItemKeyError(
            "type",
            _("Use one of: %(types)s."),
            params={"types": ", ".join(kinds)},
            code="unknown_block_type",
        )
    if "value" not in item:
        raise ItemKeyError("value", _("An item needs a value."), code="no_value")
    value = item["value"]
    if kind == "text":
        value = _text(value)
    elif kind == "embed":
        value = _embed(value)
    else:
        value = _struct(kind, value)
    return {"type": kind, "value": value, "id": _block_id(item.get("id"))}


def image_ids(body) -> set[int]:
    """The ids of the images in a body (its ``StreamValue``)."""
    return {
        (item.get("value") or {}).get("image")
        for item in (body.raw_data if body is not None else [])
        if item.get("type") == "image"
    }


def _check_images(value: StreamValue, user, kept: set[int]) -> None:
    """Every image not already in the update must be one ``user`` may use."""
    errors = {}
    for position, item in enumerate(value.raw_data):
        if item.get("type") != "image":
            continue
        image_id = (item.get("value") or {}).get("image")
        if image_id in kept or image_id is None:
            continue
        if user is not None and not images.may_use_image(user, image_id):
            errors[position] = _field_error(
                "image",
                images.CANNOT_USE_IMAGE,
                "image_not_allowed",
                {"id": image_id},
            )
    if errors:
        raise StreamBlockValidationError(block_errors=errors)


def clean_body(body: Any, *, user=None, kept_images: Iterable[int] = ()) -> StreamValue:
    """The body block's clean value for ``body`` (raw items, or a
    ``StreamValue`` from a form), or a ``StreamBlockValidationError``.

    Images already in the update (``kept_images``) stay; any other must be
    one ``user`` may use (``None``: the site itself acts).
    """
    block = body_block()
    if body is None:
        body = []
    if isinstance(body, StreamValue):
        value = body
    else:
        raw = _raw_items(body)
        items, errors = [], {}
        for position, item in enumerate(raw):
            try:
                items.append(_item(item))
            except ValidationError as error:
                errors[position] = error
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        value = block.to_python(items)
    _check_images(value, user, set(kept_images))
    return block.clean(value)
