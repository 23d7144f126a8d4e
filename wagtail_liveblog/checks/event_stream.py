"""The event stream's engine and, for GRIP, the site around it."""

from __future__ import annotations

from django.core.checks import Error, Warning

from .values import S, invalid, positive_number

ENGINES = (None, "embedded", "grip")
GRIP_MIDDLEWARE = "django_grip.GripMiddleware"


def event_stream_errors(raw: dict) -> list[Error]:
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
        errors += invalid(
            raw, key, positive_number, "a positive number of seconds", "E017"
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
