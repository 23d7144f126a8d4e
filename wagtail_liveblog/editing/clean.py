"""Turning Python input into a valid update: the editing API's checks.

``editing.api`` accepts updates as plain Python data (StreamField-style
``{"type", "value"}`` body items). This module normalises that input,
checks it with the update model's own body block and turns every problem
into a ``ValidationError`` whose messages say what is wrong in words an
integrator can act on ("You cannot use image 123.").
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence, Sized
from datetime import datetime
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from .. import conf, limits
from ..access import images
from ..models.update import LiveBlogUpdate
from ..text import strip_control_characters
from .rich_text import MAX_NESTING, nesting_depth, sanitise_html

#: Image ids are 32-bit integers: a larger number is no image.
MAX_IMAGE_ID = 2**31 - 1

UPDATE_FIELDS = ("headline", "body", "pinned", "key_event", "author", "posted_at")
BODY_FIELDS = {
    "text": None,
    "embed": ("url",),
    "quote": ("text", "attribution"),
    "image": ("image", "caption", "credit", "alt"),
}


def body_block():
    """The update model's body ``StreamBlock``."""
    return LiveBlogUpdate._meta.get_field("body").stream_block


def clean_datetime(value: Any, name: str) -> datetime | None:
    """An aware datetime from a datetime or an ISO-8601 string; None if empty."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value.strip())
        except ValueError:
            parsed = None
        if parsed is None:
            raise ValidationError(
                _("%(name)s %(value)r is not an ISO-8601 date and time."),
                params={"name": name, "value": value[:64]},
                code=f"invalid_{name}",
            )
        value = parsed
    if not isinstance(value, datetime):
        raise ValidationError(
            _("%(name)s must be a datetime or an ISO-8601 string."),
            params={"name": name},
            code=f"invalid_{name}",
        )
    try:
        value = limits.date_in_range(value)
    except (OverflowError, ValueError):
        raise limits.date_error(name) from None
    return value


def clean_posted_at(value: Any) -> datetime | None:
    """When the update was posted; None to stamp it when it is published."""
    return clean_datetime(value, "posted_at")


def check_can_use_image(user, image_id: int) -> None:
    """Raise ``ValidationError`` unless ``user`` may choose image ``image_id``
    (``access/images.py``); an image that does not exist gets the same
    answer. ``user`` None checks only that it exists (the caller has
    already checked who acts, or acts as the site itself)."""
    if user is None:
        usable = get_image_model().objects.filter(pk=image_id).exists()
    else:
        usable = images.may_use_image(user, image_id)
    if not usable:
        raise ValidationError(
            images.CANNOT_USE_IMAGE, params={"id": image_id}, code="image_not_allowed"
        )


def _image_id(value: Any, position: int) -> int:
    image = value.get("image")
    if hasattr(image, "pk"):
        image = image.pk
    if isinstance(image, bool):
        image = None
    try:
        image_id = int(image)
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(
            _("Body item %(n)s: image must be an image id, not %(value)r."),
            params={"n": position, "value": image},
            code="invalid_image",
        ) from None
    if not 0 < image_id <= MAX_IMAGE_ID:
        raise ValidationError(
            images.CANNOT_USE_IMAGE, params={"id": image_id}, code="image_not_allowed"
        )
    check_can_use_image(None, image_id)
    return image_id


def clean_body(body: Any) -> list[dict[str, Any]]:
    """Normalise ``body`` to raw StreamField items, each with an id (whether
    the user may use its images: ``clean_changes``)."""
    if body is None:
        return []
    if isinstance(body, str | bytes | Mapping) or not isinstance(body, Iterable):
        raise ValidationError(
            _('body must be a list of {"type": …, "value": …} items.'),
            code="invalid_body",
        )
    raw = _within_limits(body)
    text_block = body_block().child_blocks["text"]
    items = []
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping) or "type" not in item or "value" not in item:
            raise ValidationError(
                _('Body item %(n)s needs a "type" and a "value".'),
                params={"n": position},
                code="invalid_body",
            )
        kind, value = item["type"], item["value"]
        if not isinstance(kind, str) or kind not in BODY_FIELDS:
            raise ValidationError(
                _(
                    'Body item %(n)s has the unknown type "%(type)s" (use text, image, quote or embed).'
                ),
                params={"n": position, "type": kind},
                code="unknown_block_type",
            )
        if kind == "embed":
            value = _embed_url(value, position)
        elif kind == "text":
            if not isinstance(value, str):
                raise ValidationError(
                    _("Body item %(n)s: a text value is an HTML string."),
                    params={"n": position},
                    code="invalid_body",
                )
            if nesting_depth(value) > MAX_NESTING:
                raise ValidationError(
                    _(
                        "Body item %(n)s: the text is nested more than %(max)s "
                        "levels deep."
                    ),
                    params={"n": position, "max": MAX_NESTING},
                    code="too_deep",
                )
            value = sanitise_html(value, text_block.features)
        else:
            if not isinstance(value, Mapping):
                raise ValidationError(
                    _("Body item %(n)s: a %(type)s value is a dict of %(fields)s."),
                    params={
                        "n": position,
                        "type": kind,
                        "fields": ", ".join(BODY_FIELDS[kind]),
                    },
                    code="invalid_body",
                )
            unknown = sorted(set(value) - set(BODY_FIELDS[kind]), key=str)
            if unknown:
                raise ValidationError(
                    _("Body item %(n)s: unknown %(type)s fields: %(fields)s."),
                    params={
                        "n": position,
                        "type": kind,
                        "fields": ", ".join(map(str, unknown)),
                    },
                    code="invalid_body",
                )
            value = {
                name: value.get(name)
                if name == "image"
                else clean_text(value.get(name), f"body item {position} {name}")
                for name in BODY_FIELDS[kind]
            }
            if kind == "image":
                value["image"] = _image_id(value, position)
        items.append({"type": kind, "value": value, "id": _block_id(item.get("id"))})
    return items  # its limits: ``validate_update`` (the model's ``clean()``)


def _within_limits(body: Iterable[Any]) -> list[Any]:
    """The raw body items, refused before any of them is parsed or cleaned
    when there are too many, or when their text is far over the size limit
    (``limits.RAW_FACTOR``; cleaning only removes)."""
    most = conf.get("MAX_BLOCKS")
    if isinstance(body, Sized):
        limits.check_block_count(len(body))
    raw = list(islice(body, most + 1))
    limits.check_block_count(len(raw), at_least=True)
    length = limits.body_length(raw)
    if length > conf.get("MAX_BODY_LENGTH") * limits.RAW_FACTOR:
        limits.check_body_length(length)
    return raw


def _embed_url(value: Any, position: int) -> str:
    """An embed's link, given as a string or as ``{"url": ...}``."""
    if isinstance(value, Mapping) and set(value) <= {"url"}:
        value = value.get("url")
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            _('Body item %(n)s: an embed value is a link (or {"url": link}).'),
            params={"n": position},
            code="invalid_body",
        )
    return strip_control_characters(value).strip()


def _block_id(value: Any) -> str:
    """A body item's own id: kept when it is a sensible one, else a new one."""
    if isinstance(value, str) and 0 < len(value) <= 64 and value.isprintable():
        return value
    return str(uuid.uuid4())


def _messages(error: Any, where: str = "") -> list[str]:
    """Flatten nested block errors into "where: message" lines."""
    if isinstance(error, list):
        return [line for sub in error for line in _messages(sub, where)]
    lines: list[str] = []
    non_block = getattr(error, "non_block_errors", None)
    block_errors = getattr(error, "block_errors", None)
    if non_block:
        lines += _messages(list(non_block), where)
    if block_errors:
        for key, sub in block_errors.items():
            if isinstance(key, int):
                label = f"item {key + 1}" if where else f"Body item {key + 1}"
            else:
                label = str(key)
            lines += _messages(sub, f"{where} › {label}" if where else label)
    if non_block or block_errors:
        return lines
    messages = getattr(error, "messages", None) or [str(error)]
    return [f"{where}: {message}" if where else str(message) for message in messages]


def validate_body(items: list[dict[str, Any]]) -> None:
    """Check raw body items with the body block; raise a readable error."""
    block = body_block()
    try:
        block.clean(block.to_python(items))
    except ValidationError as error:
        raise ValidationError(_messages(error), code="invalid_update") from error


def validate_update(update: LiveBlogUpdate) -> None:
    """The checks the admin's forms make: the body, field lengths, "a
    headline or some body content"."""
    validate_body(update.body.raw_data if update.body is not None else [])
    messages: list[str] = []
    try:
        update.clean_fields(exclude=["body", "blog"])
    except ValidationError as error:
        messages += [
            f"{name}: {message}"
            for name, field_messages in error.message_dict.items()
            for message in field_messages
        ]
    try:
        update.clean()
    except ValidationError as error:
        messages += error.messages
    if messages:
        raise ValidationError(messages, code="invalid_update")


#: The byline column's length.
AUTHOR_LENGTH = LiveBlogUpdate._meta.get_field("author").max_length


def clean_text(value: Any, name: str, max_length: int | None = None) -> str:
    """Text without surrounding space or control characters (which XML,
    and so the Atom feed, cannot carry).

    With ``max_length``, text far longer (``limits.RAW_FACTOR`` times) is
    refused before it is cleaned; the exact length is checked afterwards
    (``validate_update``).
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(
            _("%(name)s must be text."), params={"name": name}, code="invalid_text"
        )
    if max_length is not None and len(value) > max_length * limits.RAW_FACTOR:
        raise ValidationError(
            _("%(name)s has %(length)s characters; the limit is %(limit)s."),
            params={"name": name, "length": len(value), "limit": max_length},
            code="too_long",
        )
    return strip_control_characters(value).strip()


def clean_rich_text(
    value: Any, name: str, features: Sequence[str] | None = None
) -> str:
    """Rich text as Wagtail stores it (the page editor's and Draftail's
    HTML), cleaned as an update's text block is: only the ``features``
    (default: the text block's, which the blog's intro and key points
    share), no control characters, within ``MAX_BODY_LENGTH`` characters,
    markup included. Links to pages are kept. Empty text is ``""``.

    ``ValidationError`` naming ``name`` when it is not text, is nested too
    deeply or is too long (refused before cleaning when it is far too long,
    ``limits.RAW_FACTOR``).
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(
            _("%(name)s must be rich text (an HTML string)."),
            params={"name": name},
            code="invalid_rich_text",
        )
    limit = conf.get("MAX_BODY_LENGTH")
    if len(value) > limit * limits.RAW_FACTOR:
        raise _rich_text_too_long(name, len(value), limit)
    if nesting_depth(value) > MAX_NESTING:
        raise ValidationError(
            _("%(name)s is nested more than %(max)s levels deep."),
            params={"name": name, "max": MAX_NESTING},
            code="too_deep",
        )
    if features is None:
        features = body_block().child_blocks["text"].features
    html = sanitise_html(value, list(features), page_links=True)
    if len(html) > limit:
        raise _rich_text_too_long(name, len(html), limit)
    return html


def _rich_text_too_long(name: str, length: int, limit: int) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s has %(length)s characters, markup included; the limit is "
            "%(limit)s (%(setting)s)."
        ),
        params={
            "name": name,
            "length": length,
            "limit": limit,
            "setting": limits.setting("MAX_BODY_LENGTH"),
        },
        code="too_long",
    )


def clean_headline(value: Any) -> str:
    """The headline, within ``MAX_HEADLINE_LENGTH`` (checked on the raw text
    first, so a huge one is refused without being processed)."""
    too_long = conf.get("MAX_HEADLINE_LENGTH") * limits.RAW_FACTOR
    if isinstance(value, str) and len(value) > too_long:
        limits.check_headline(value)
    headline = clean_text(value, "headline")
    limits.check_headline(headline)
    return headline


def clean_changes(
    changes: Mapping[str, Any], user=None, kept_images: Iterable[int] = ()
) -> dict[str, Any]:
    """Model field values from ``changes`` (keys among ``UPDATE_FIELDS``).

    A ``body`` may reuse the images in ``kept_images`` (those already in the
    update); any other image must be one ``user`` may choose.
    """
    unknown = sorted(set(changes) - set(UPDATE_FIELDS), key=str)
    if unknown:
        raise ValidationError(
            _("Unknown update fields: %(fields)s (allowed: %(allowed)s)."),
            params={
                "fields": ", ".join(map(str, unknown)),
                "allowed": ", ".join(UPDATE_FIELDS),
            },
            code="unknown_field",
        )
    values: dict[str, Any] = {}
    for name, new in changes.items():
        if name == "body":
            body = clean_body(new)
            kept = set(kept_images)
            for item in body:
                if item["type"] == "image" and item["value"]["image"] not in kept:
                    check_can_use_image(user, item["value"]["image"])
            values["body"] = body
        elif name == "headline":
            values[name] = clean_headline(new)
        elif name == "author":
            values[name] = clean_text(new, name, AUTHOR_LENGTH)
        elif name in ("pinned", "key_event"):
            if not isinstance(new, bool | int) or new not in (True, False, 0, 1):
                raise ValidationError(
                    _("%(name)s must be true or false."),
                    params={"name": name},
                    code="invalid_flag",
                )
            values[name] = bool(new)
        elif name == "posted_at":
            values["posted_at"] = clean_posted_at(new)
    return values


def image_ids(update: LiveBlogUpdate) -> set[int]:
    """The images an update's body already uses."""
    return {
        (item.get("value") or {}).get("image")
        for item in (update.body.raw_data if update.body is not None else [])
        if item.get("type") == "image"
    }
