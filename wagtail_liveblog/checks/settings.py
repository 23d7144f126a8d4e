"""The ``WAGTAIL_LIVEBLOG`` dict and its values."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from .. import conf
from .event_stream import event_stream_errors
from .renditions import rendition_errors
from .values import S, invalid, positive_int, positive_number

# The length of the headline column (LiveBlogUpdate.headline).
HEADLINE_COLUMN = 255


def _secret(value: Any) -> bool:
    values = value if isinstance(value, list | tuple) else [value]
    return all(isinstance(item, str) for item in values)


def _importable(value: Any) -> bool:
    from django.utils.module_loading import import_string

    if not isinstance(value, str):
        return False
    try:
        return isinstance(import_string(value), type)
    except ImportError:
        return False


def _publisher(value: Any) -> bool:
    if value is None:
        return True
    if not isinstance(value, dict) or set(value) - {"name", "logo"}:
        return False
    name, logo = value.get("name"), value.get("logo")
    return (
        isinstance(name, str)
        and bool(name.strip())
        and (logo is None or (isinstance(logo, str) and bool(logo.strip())))
    )


def _collection(value: Any) -> bool:
    return value is None or (
        isinstance(value, str) and bool(value.strip()) and len(value) <= 255
    )


@register("wagtail_liveblog")
def check_settings(app_configs=None, **kwargs) -> list[Error]:
    raw = conf.user_settings()
    if raw is None:
        return []
    if not isinstance(raw, dict):
        return [
            Error(
                f"{S} must be a dict, not {type(raw).__name__}.",
                hint=f"Set {S} = {{'PAGE_SIZE': 20, ...}} in your settings.",
                id="wagtail_liveblog.E001",
            )
        ]

    errors: list[Error] = []
    known = "Known settings: " + ", ".join(sorted(conf.DEFAULTS)) + "."
    for key in sorted(set(raw) - set(conf.DEFAULTS), key=str):
        if key in conf.REMOVED:
            message = f"{S}[{key!r}] was removed: {conf.REMOVED[key]}."
            hint = f"Delete {key!r} from {S}. {known}"
        else:
            message, hint = f"{S}[{key!r}] is not a known setting.", known
        errors.append(Error(message, hint=hint, id="wagtail_liveblog.E002"))

    values = conf.merged(raw)

    for key in (
        "PAGE_SIZE",
        "MAX_PAGE_SIZE",
        "FEED_SIZE",
        "KEY_EVENTS_SHOWN",
        "MAX_PINNED",
        "MAX_HEADLINE_LENGTH",
        "MAX_BLOCKS",
        "MAX_BODY_LENGTH",
        "MAX_IMAGE_PIXELS",
    ):
        errors += invalid(raw, key, positive_int, "a positive whole number", "E003")
    if (
        positive_int(values["PAGE_SIZE"])
        and positive_int(values["MAX_PAGE_SIZE"])
        and values["PAGE_SIZE"] > values["MAX_PAGE_SIZE"]
    ):
        errors.append(
            Error(
                f"{S}['PAGE_SIZE'] ({values['PAGE_SIZE']}) is larger than "
                f"{S}['MAX_PAGE_SIZE'] ({values['MAX_PAGE_SIZE']}).",
                id="wagtail_liveblog.E004",
            )
        )

    errors += invalid(
        raw, "POLL_INTERVAL", positive_number, "a positive number of seconds", "E005"
    )
    errors += invalid(
        raw,
        "CACHE_MAX_AGE",
        lambda value: (
            isinstance(value, int) and not isinstance(value, bool) and value >= 0
        ),
        "a whole number of seconds (0 or more)",
        "E006",
    )
    if positive_int(values["MAX_HEADLINE_LENGTH"]) and (
        values["MAX_HEADLINE_LENGTH"] > HEADLINE_COLUMN
    ):
        errors.append(
            Error(
                f"{S}['MAX_HEADLINE_LENGTH'] must be at most {HEADLINE_COLUMN} "
                f"(the headline column), got {values['MAX_HEADLINE_LENGTH']!r}.",
                id="wagtail_liveblog.E010",
            )
        )
    errors += invalid(
        raw,
        "PUBLISHER",
        _publisher,
        "None or a dict with a non-empty 'name' and an optional 'logo' URL",
        "E011",
        hint=f"{S}['PUBLISHER'] = {{'name': 'The Courier', "
        "'logo': 'https://example.com/logo.png'}",
    )
    errors.extend(event_stream_errors(raw))
    errors += invalid(
        raw,
        "UPLOAD_COLLECTION",
        _collection,
        "None (the root collection) or the name of a collection",
        "E015",
    )
    if "IMAGE_RENDITIONS" in raw:
        errors.extend(rendition_errors(raw["IMAGE_RENDITIONS"]))
    for key in conf.SECRET_SETTINGS:
        if key in raw and not _secret(raw[key]):
            errors.append(
                Error(
                    f"{S}[{key!r}] must be a string, or a list of strings while "
                    "rotating it.",
                    id="wagtail_liveblog.E012",
                )
            )
    errors += invalid(
        raw, "INGEST_TIMEOUT", positive_number, "a positive number of seconds", "E013"
    )
    errors += invalid(
        raw, "INGEST_CLIENT", _importable, "the dotted path of a class", "E014"
    )
    return errors
