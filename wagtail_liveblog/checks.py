"""System checks for the ``WAGTAIL_LIVEBLOG`` setting.

Each problem has a stable id so a site can silence one deliberately.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Warning, register

from . import conf

S = conf.SETTING_NAME


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


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
        if key in raw and not _positive_int(raw[key]):
            errors.append(
                Error(
                    f"{S}['{key}'] must be a positive whole number, got {raw[key]!r}.",
                    id="wagtail_liveblog.E003",
                )
            )
    if (
        _positive_int(values["PAGE_SIZE"])
        and _positive_int(values["MAX_PAGE_SIZE"])
        and values["PAGE_SIZE"] > values["MAX_PAGE_SIZE"]
    ):
        errors.append(
            Error(
                f"{S}['PAGE_SIZE'] ({values['PAGE_SIZE']}) is larger than "
                f"{S}['MAX_PAGE_SIZE'] ({values['MAX_PAGE_SIZE']}).",
                id="wagtail_liveblog.E004",
            )
        )

    if "POLL_INTERVAL" in raw and not _positive_number(raw["POLL_INTERVAL"]):
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
    if _positive_int(values["MAX_HEADLINE_LENGTH"]) and (
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
    errors.extend(_check_event_stream(raw, values))
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
        errors.extend(_check_renditions(raw["IMAGE_RENDITIONS"]))
    for key in conf.SECRET_SETTINGS:
        if key in raw and not _secret(raw[key]):
            errors.append(
                Error(
                    f"{S}[{key!r}] must be a string, or a list of strings while "
                    "rotating it.",
                    id="wagtail_liveblog.E012",
                )
            )
    if "INGEST_TIMEOUT" in raw and not _positive_number(raw["INGEST_TIMEOUT"]):
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


ENGINES = (None, "embedded", "grip")
GRIP_MIDDLEWARE = "django_grip.GripMiddleware"


def _check_event_stream(raw: dict, values: dict) -> list[Error]:
    from django.conf import settings

    errors = []
    engine = raw.get("EVENT_STREAM")
    if engine not in ENGINES:
        return [
            Error(
                f"{S}['EVENT_STREAM'] must be None, 'embedded' or 'grip', "
                f"got {engine!r}.",
                id="wagtail_liveblog.E016",
            )
        ]
    for key in ("EVENTS_HEARTBEAT", "EVENTS_RETRY", "EVENTS_CHECK_INTERVAL"):
        if key in raw and not _positive_number(raw[key]):
            errors.append(
                Error(
                    f"{S}[{key!r}] must be a positive number of seconds, "
                    f"got {raw[key]!r}.",
                    id="wagtail_liveblog.E017",
                )
            )
    if engine == "grip":
        missing = []
        try:
            import django_grip  # noqa: F401
        except ImportError:
            missing.append(
                "the django-grip package (pip install wagtail-liveblog[push])"
            )
        if GRIP_MIDDLEWARE not in getattr(settings, "MIDDLEWARE", ()):
            missing.append(f"{GRIP_MIDDLEWARE!r} in MIDDLEWARE")
        if not (
            getattr(settings, "GRIP_URL", None)
            or getattr(settings, "GRIP_PROXIES", None)
        ):
            missing.append("GRIP_URL (or GRIP_PROXIES): where to publish")
        if missing:
            errors.append(
                Error(
                    f"{S}['EVENT_STREAM'] is 'grip' but the site lacks "
                    f"{'; '.join(missing)}.",
                    hint='See docs/deployment.md, "Push at scale".',
                    id="wagtail_liveblog.E018",
                )
            )
        errors.extend(_check_grip_keys(settings))
    if engine == "embedded" and not getattr(settings, "ASGI_APPLICATION", None):
        errors.append(
            Warning(
                f"{S}['EVENT_STREAM'] is 'embedded' but the site sets no "
                "ASGI_APPLICATION.",
                hint=(
                    "The embedded engine streams under an ASGI server (Daphne, "
                    "Uvicorn); under WSGI each stream ends at once and readers "
                    "poll. See docs/deployment.md."
                ),
                id="wagtail_liveblog.W003",
            )
        )
    return errors


def _check_grip_keys(settings) -> list[Error]:
    """django-grip (3.5) reads a proxy's ``verify_key`` only beside a
    ``key``: with ``verify-key`` alone it fails every request that comes
    through the proxy (a ``KeyError``, answered 500)."""
    try:
        from gripcontrol import parse_grip_uri
    except ImportError:
        return []
    proxies = [
        entry for entry in getattr(settings, "GRIP_PROXIES", None) or [] if entry
    ]
    grip_url = getattr(settings, "GRIP_URL", None)
    if grip_url:
        proxies.append(parse_grip_uri(grip_url))
    if any(
        isinstance(entry, dict) and "verify_key" in entry and "key" not in entry
        for entry in proxies
    ):
        return [
            Error(
                "GRIP_URL (or GRIP_PROXIES) gives the proxy's verify-key without "
                "a key: django-grip then fails every request that comes through "
                "the proxy.",
                hint=(
                    "Give Pushpin's sig_key as key: "
                    "GRIP_URL = 'http://127.0.0.1:5561?key=<sig_key>'. See "
                    'docs/deployment.md, "Push at scale".'
                ),
                id="wagtail_liveblog.E019",
            )
        ]
    return []


def _check_renditions(value: Any) -> list[Error]:
    from wagtail.images.exceptions import InvalidFilterSpecError
    from wagtail.images.models import Filter

    bad = Error(
        f"{S}['IMAGE_RENDITIONS'] must be a non-empty list of Wagtail image "
        f"filter specs such as 'width-800', got {value!r}.",
        id="wagtail_liveblog.E008",
    )
    if not isinstance(value, list | tuple) or not value:
        return [bad]
    for spec in value:
        if not isinstance(spec, str):
            return [bad]
        try:
            Filter(spec=spec).operations  # noqa: B018 - parses the spec
        except InvalidFilterSpecError:
            return [bad]
    return []


#: Cache backends that keep their entries in one process.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
POLL_MIDDLEWARE = "wagtail_liveblog.middleware.LiveBlogPollMiddleware"


@register("wagtail_liveblog")
def check_poll_middleware_cache(app_configs=None, **kwargs) -> list[Warning]:
    """The fast poll's gates live in Django's default cache: a per-process
    cache keeps a gate in each app process, and a blog made private goes on
    answering up-to-date polls from the other processes' gates for up to
    ``fastpoll.GATE_TTL`` seconds."""
    from django.conf import settings

    if POLL_MIDDLEWARE not in getattr(settings, "MIDDLEWARE", ()):
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"{POLL_MIDDLEWARE} runs with a per-process cache ({backend}).",
            hint=(
                "With more than one app process, a blog made private goes on "
                "answering up-to-date polls from the other processes for up to "
                "60 seconds. Put Django's default cache on a shared backend "
                "(Redis, Memcached or the database cache); silence "
                "wagtail_liveblog.W002 on a site served by one process."
            ),
            id="wagtail_liveblog.W002",
        )
    ]


# -- push: webhooks and WebSub -------------------------------------------------


def _delays(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(
        isinstance(delay, int | float) and not isinstance(delay, bool) and delay >= 0
        for delay in value
    )


def _hub(value: Any) -> bool:
    from urllib.parse import urlsplit

    if value is None:
        return True
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@register("wagtail_liveblog")
def check_push_settings(app_configs=None, **kwargs) -> list[Error]:
    """The settings of webhooks (``wagtail_liveblog.webhooks``) and WebSub."""
    raw = conf.user_settings()
    if not isinstance(raw, dict):
        return []  # E001 says so
    errors: list[Error] = []
    if "WEBHOOK_TIMEOUT" in raw and not _positive_number(raw["WEBHOOK_TIMEOUT"]):
        errors.append(
            Error(
                f"{S}['WEBHOOK_TIMEOUT'] must be a positive number of seconds, "
                f"got {raw['WEBHOOK_TIMEOUT']!r}.",
                id="wagtail_liveblog.E030",
            )
        )
    if "WEBHOOK_RETRY_DELAYS" in raw and not _delays(raw["WEBHOOK_RETRY_DELAYS"]):
        errors.append(
            Error(
                f"{S}['WEBHOOK_RETRY_DELAYS'] must be a list of seconds (numbers, "
                f"0 or more), got {raw['WEBHOOK_RETRY_DELAYS']!r}.",
                hint=f"{S}['WEBHOOK_RETRY_DELAYS'] = [10, 60, 300, 1800, 7200, "
                "21600], or [] to never retry.",
                id="wagtail_liveblog.E031",
            )
        )
    if "WEBHOOK_ALLOW_PRIVATE_TARGETS" in raw and not isinstance(
        raw["WEBHOOK_ALLOW_PRIVATE_TARGETS"], bool
    ):
        errors.append(
            Error(
                f"{S}['WEBHOOK_ALLOW_PRIVATE_TARGETS'] must be True or False, "
                f"got {raw['WEBHOOK_ALLOW_PRIVATE_TARGETS']!r}.",
                id="wagtail_liveblog.E032",
            )
        )
    if "WEBHOOK_LOG_DAYS" in raw and not _positive_int(raw["WEBHOOK_LOG_DAYS"]):
        errors.append(
            Error(
                f"{S}['WEBHOOK_LOG_DAYS'] must be a positive whole number of days, "
                f"got {raw['WEBHOOK_LOG_DAYS']!r}.",
                id="wagtail_liveblog.E033",
            )
        )
    if "WEBSUB_HUB" in raw and not _hub(raw["WEBSUB_HUB"]):
        errors.append(
            Error(
                f"{S}['WEBSUB_HUB'] must be None or the http(s) URL of a WebSub "
                f"hub, got {raw['WEBSUB_HUB']!r}.",
                hint=f"{S}['WEBSUB_HUB'] = 'https://pubsubhubbub.appspot.com/'",
                id="wagtail_liveblog.E034",
            )
        )
    return errors
