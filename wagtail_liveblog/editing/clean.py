"""Turning Python input into a valid update: the editing API's one check.

``clean_update`` takes the fields of an update as plain data and returns
model field values, or raises one ``ValidationError`` whose ``error_dict``
names each field at fault; the body's error is Wagtail's own
``StreamBlockValidationError`` (``body.py``), so every message keeps its
place down to the field of a body item (``errors.locations``). Messages say
what is wrong in words an integrator can act on.

Text loses control characters and surrounding space in the blocks' and
the model's own ``clean`` (``blocks.py``, ``LiveBlogUpdate.clean``); the
limits on one update are the model's (``limits.py``); ``check_update``
runs the model's checks on the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.blocks.list_block import ListBlockValidationError

from .. import conf, limits
from ..access import may_edit_blog
from ..models.authors import MAX_AUTHORS, LiveBlogUpdateAuthor
from ..models.update import LiveBlogUpdate
from ..text import strip_control_characters
from . import rich_text
from .body import body_block, clean_body, image_ids
from .errors import UpdateValidationError

__all__ = [
    "UPDATE_FIELDS",
    "body_block",
    "check_update",
    "clean_datetime",
    "clean_rich_text",
    "clean_update",
    "image_ids",
    "poster",
]

UPDATE_FIELDS = (
    "headline",
    "body",
    "pinned",
    "key_event",
    "authors",
    "posted_at",
)

#: An author's name's length.
NAME_LENGTH = LiveBlogUpdateAuthor._meta.get_field("name").max_length


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
                _("%(value)r is not an ISO-8601 date and time."),
                params={"value": value[:64]},
                code="invalid_datetime",
            )
        value = parsed
    if not isinstance(value, datetime):
        raise ValidationError(
            _("A date and time is a datetime or an ISO-8601 string."),
            code="invalid_datetime",
        )
    try:
        return limits.date_in_range(value)
    except (OverflowError, ValueError):
        raise limits.date_error(name) from None


def _text(value: Any, limit: int) -> str:
    """Plain text as given (the model's ``clean`` strips it); text far over
    ``limit`` (``limits.RAW_FACTOR`` times) is refused before anything else
    looks at it."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(_("This is text."), code="invalid_text")
    if len(value) > limit * limits.RAW_FACTOR:
        raise ValidationError(
            _("This has %(length)s characters; the limit is %(limit)s."),
            params={"length": len(value), "limit": limit},
            code="too_long",
        )
    return value


def _user_key(value: Any) -> int | None:
    if hasattr(value, "pk") and not isinstance(value, str):
        return value.pk
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63:
        return value
    return None


def _author(item: Any, blog) -> LiveBlogUpdateAuthor:
    """One author: a user (a user object, a user id or ``{"user": id}``) or
    a name as free text (a string or ``{"name": …}``). A user must be an
    active user who may edit the blog: another one, and a user that does
    not exist, get the same answer."""
    if isinstance(item, str):
        item = {"name": item}
    elif not isinstance(item, Mapping):
        item = {"user": item}
    else:  # {"user": 3, "name": None} is a user
        item = {key: value for key, value in item.items() if value is not None}
    if set(item) not in ({"user"}, {"name"}):
        raise ValidationError(
            _('An author is a user ({"user": id}) or a name ({"name": …}).'),
            code="invalid_author",
        )
    if "name" in item:
        return LiveBlogUpdateAuthor(name=_name(item["name"]))
    key = _user_key(item["user"])
    found = (
        get_user_model()._default_manager.filter(pk=key, is_active=True).first()
        if key is not None
        else None
    )
    if found is None or blog is None or not may_edit_blog(found, blog):
        raise ValidationError(
            {
                "user": ValidationError(
                    _("You cannot credit user %(id)s."),
                    params={"id": str(item["user"])[:32]},
                    code="author_not_allowed",
                )
            }
        )
    return LiveBlogUpdateAuthor(user=found)


def _name(value: Any) -> str:
    try:
        name = " ".join(strip_control_characters(_text(value, NAME_LENGTH)).split())
        if not name:
            raise ValidationError(_("A name is not empty."), code="required")
        if len(name) > NAME_LENGTH:
            raise ValidationError(
                _("This has %(length)s characters; the limit is %(limit)s."),
                params={"limit": NAME_LENGTH, "length": len(name)},
                code="too_long",
            )
    except ValidationError as error:
        raise ValidationError({"name": error}) from None
    return name


def _authors(value: Any, blog) -> list[LiveBlogUpdateAuthor]:
    """The authors in order; errors by the index of the author at fault."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise ValidationError(_("Authors are a list."), code="invalid_authors")
    items = list(islice(value, MAX_AUTHORS + 1))
    if len(items) > MAX_AUTHORS:
        raise ValidationError(
            _("At most %(max)s authors."), params={"max": MAX_AUTHORS}, code="too_many"
        )
    authors, errors, credited = [], {}, set()
    for index, item in enumerate(items):
        try:
            author = _author(item, blog)
            if author.user_id is not None and author.user_id in credited:
                raise ValidationError(
                    _("This user is credited twice."), code="duplicate_author"
                )
            credited.add(author.user_id)
            authors.append(author)
        except ValidationError as error:
            errors[index] = error
    if errors:
        # By index, as a body's errors are (``errors.locations``).
        raise ListBlockValidationError(block_errors=errors)
    return authors


def poster(user: Any) -> list[LiveBlogUpdateAuthor]:
    """The authors of a post that names none: the user who posts it."""
    return [LiveBlogUpdateAuthor(user=user)] if user is not None else []


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(_("This is true or false."), code="invalid_flag")
    return value


def clean_update(
    changes: Mapping[str, Any],
    *,
    user=None,
    blog=None,
    kept_images: Iterable[int] = (),
) -> dict[str, Any]:
    """Model field values from ``changes`` (keys among ``UPDATE_FIELDS``),
    or one ``ValidationError`` naming every field at fault.

    A ``body`` may reuse the images in ``kept_images`` (those already in
    the update); any other must be one ``user`` may use. ``authors`` are
    users who may edit ``blog`` and names (``_author``).
    """
    errors: dict[str, list[ValidationError]] = {}
    values: dict[str, Any] = {}
    for name, value in changes.items():
        try:
            if name == "body":
                values[name] = clean_body(value, user=user, kept_images=kept_images)
            elif name == "headline":
                if isinstance(value, str) and len(value) > (
                    conf.get("MAX_HEADLINE_LENGTH") * limits.RAW_FACTOR
                ):
                    limits.check_headline(value)  # names the setting
                values[name] = _text(value, conf.get("MAX_HEADLINE_LENGTH"))
            elif name == "authors":
                if value is not None:
                    values[name] = _authors(value, blog)
            elif name in ("pinned", "key_event"):
                values[name] = _flag(value)
            elif name == "posted_at":
                values[name] = clean_datetime(value, name)
            else:
                raise ValidationError(
                    _("Not a field of an update: use %(fields)s."),
                    params={"fields": ", ".join(UPDATE_FIELDS)},
                    code="unknown_field",
                )
        except ValidationError as error:
            errors[str(name)[:64]] = [error]
    if errors:
        raise UpdateValidationError(errors)
    return values


def check_update(update: LiveBlogUpdate) -> None:
    """The model's own checks of an update built from ``clean_update``'s
    values (its fields but the body, already cleaned by its block; its
    ``clean``: the limits, "a headline or some body content"), as one
    ``ValidationError`` by field."""
    errors: dict[str, list[ValidationError]] = {}
    for check in (
        # The headline's limit is the model's clean (MAX_HEADLINE_LENGTH).
        lambda: update.clean_fields(exclude=["body", "blog", "id", "headline"]),
        update.clean,
    ):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.update_error_dict({}).items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise UpdateValidationError(errors)


def clean_rich_text(
    value: Any, name: str, features: Sequence[str] | None = None
) -> str:
    """Rich text as Wagtail stores it, converted as an update's text block
    is (``rich_text.to_database_html``: only the ``features``, by default
    the text block's, which the blog's intro and key points share), within
    ``MAX_BODY_LENGTH`` characters, markup included; links to pages are
    kept. Empty text is ``""``.

    ``ValidationError`` naming ``name`` when it is not rich text, is nested
    too deeply or is too long (refused before converting when it is far
    too long, ``limits.RAW_FACTOR``).
    """
    if value is None:
        return ""
    raw = rich_text.input_text(value)
    if raw is None:
        raise ValidationError(
            _("%(name)s must be rich text (an HTML string)."),
            params={"name": name},
            code="invalid_rich_text",
        )
    limit = conf.get("MAX_BODY_LENGTH")
    if len(raw) > limit * limits.RAW_FACTOR:
        raise _rich_text_too_long(name, len(raw), limit)
    if rich_text.nesting_depth(raw) > rich_text.MAX_NESTING:
        raise ValidationError(
            _("%(name)s is nested more than %(max)s levels deep."),
            params={"name": name, "max": rich_text.MAX_NESTING},
            code="too_deep",
        )
    if features is None:
        features = body_block().child_blocks["text"].features
    try:
        html = rich_text.to_database_html(value, list(features), page_links=True)
    except rich_text.RichTextInputError as error:
        raise ValidationError(str(error), code="invalid_rich_text") from None
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
