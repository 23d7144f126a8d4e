"""The ``WAGTAIL_LIVEBLOG`` dict and its values."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from .. import conf
from .event_stream import event_stream_errors
from .renditions import rendition_errors
from .values import S, positive_int, positive_number

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
        if key in raw and not positive_int(raw[key]):
            errors.append(
                Error(
                    f"{S}['{key}'] must be a positive whole number, got {raw[key]!r}.",
                    id="wagtail_liveblog.E003",
                )
            )
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

    if "POLL_INTERVAL" in raw and not positive_number(raw["POLL_INTERVAL"]):
        errors.append(
            Error(
                f"{S}['POLL_INTERVAL'] must be a positive number of seconds, "
                f"got {raw['POLL_INTERVAL']!r}.",
                id="wagtail_liveblog.E005",
            )
        )
    if "CACHE_MAX_AGE" in raw and not (
        isinstance(raw["CACHE_MAX_AGE"], int)
        and not isinstance(raw["CACHE_MAX_AGE"], bool)
        and raw["CACHE_MAX_AGE"] >= 0
    ):
        errors.append(
            Error(
                f"{S}['CACHE_MAX_AGE'] must be a whole number of seconds (0 or "
                f"more), got {raw['CACHE_MAX_AGE']!r}.",
                id="wagtail_liveblog.E006",
            )
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
    if "PUBLISHER" in raw and not _publisher(raw["PUBLISHER"]):
        errors.append(
            Error(
                f"{S}['PUBLISHER'] must be None or a dict with a non-empty "
                f"'name' and an optional 'logo' URL, got {raw['PUBLISHER']!r}.",
                hint=f"{S}['PUBLISHER'] = {{'name': 'The Courier', "
                "'logo': 'https://example.com/logo.png'}",
                id="wagtail_liveblog.E011",
            )
        )
    errors.extend(event_stream_errors(raw))
    if "UPLOAD_COLLECTION" in raw and not (
        raw["UPLOAD_COLLECTION"] is None
        or (
            isinstance(raw["UPLOAD_COLLECTION"], str)
            and raw["UPLOAD_COLLECTION"].strip()
            and len(raw["UPLOAD_COLLECTION"]) <= 255
        )
    ):
        errors.append(
            Error(
                f"{S}['UPLOAD_COLLECTION'] must be None (the root collection) or "
                f"the name of a collection, got {raw['UPLOAD_COLLECTION']!r}.",
                id="wagtail_liveblog.E015",
            )
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
    if "INGEST_TIMEOUT" in raw and not positive_number(raw["INGEST_TIMEOUT"]):
        errors.append(
            Error(
                f"{S}['INGEST_TIMEOUT'] must be a positive number of seconds, "
                f"got {raw['INGEST_TIMEOUT']!r}.",
                id="wagtail_liveblog.E013",
            )
        )
    if "INGEST_CLIENT" in raw and not _importable(raw["INGEST_CLIENT"]):
        errors.append(
            Error(
                f"{S}['INGEST_CLIENT'] must be the dotted path of a class, "
                f"got {raw['INGEST_CLIENT']!r}.",
                id="wagtail_liveblog.E014",
            )
        )
    return errors
