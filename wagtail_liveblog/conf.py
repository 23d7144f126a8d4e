"""Settings for wagtail-liveblog, read from the ``WAGTAIL_LIVEBLOG`` dict.

Use :func:`get` (or :func:`settings`) rather than reading Django settings
directly: values are merged with the defaults once and cached, and the cache
is cleared whenever a test overrides ``WAGTAIL_LIVEBLOG``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTING_NAME = "WAGTAIL_LIVEBLOG"

DEFAULTS: dict[str, Any] = {
    # Updates per window on the reader page, in load-more and in the API.
    "PAGE_SIZE": 20,
    # The largest ``limit`` an API client may ask for.
    "MAX_PAGE_SIZE": 100,
    # Seconds between polls, sent to the reader script and API clients.
    "POLL_INTERVAL": 10,
    # Seconds a shared cache (CDN) may keep public list and poll responses.
    "CACHE_MAX_AGE": 5,
    # The event stream (<page url>events/): None (readers poll), "embedded"
    # (this process streams, under an ASGI server) or "grip" (a GRIP proxy
    # such as Pushpin holds the connections). See docs/deployment.md.
    "EVENT_STREAM": None,
    "EVENTS_HEARTBEAT": 15,  # seconds between keep-alive comments
    "EVENTS_RETRY": 3,  # seconds a disconnected reader waits to reconnect
    # Embedded: how often one watcher per open blog looks for changes made
    # by other processes (publish_scheduled, scripts).
    "EVENTS_CHECK_INTERVAL": 0.5,
    # Wagtail filter specs for the image srcset, narrowest first.
    "IMAGE_RENDITIONS": ["width-480", "width-800", "width-1200"],
    # Number of updates in the Atom feed.
    "FEED_SIZE": 20,
    # Key events listed above the updates (the newest; the rest are one
    # click away, on the key-events view).
    "KEY_EVENTS_SHOWN": 5,
    # Pinned updates shown above the latest updates (the newest pinned).
    "MAX_PINNED": 3,
    # The publisher in the page's structured data: None uses the site's
    # name, or {"name": "The Courier", "logo": "https://…/logo.png"}.
    "PUBLISHER": None,
    # Limits on one update, checked by the editing API and the desk.
    "MAX_HEADLINE_LENGTH": 200,  # characters (at most 255)
    "MAX_BLOCKS": 30,  # body blocks
    "MAX_BODY_LENGTH": 20_000,  # characters of body content, markup included
    # Pictures uploaded through the package (API v3, chat ingest): at most
    # this many pixels (read from the file's header, before decoding), into
    # this collection (None: the root collection; else a collection's name,
    # made under the root when first needed).
    "MAX_IMAGE_PIXELS": 40_000_000,
    "UPLOAD_COLLECTION": None,
    # Chat ingest (the optional wagtail_liveblog.ingest app). Secrets come
    # from settings (the environment), never from the database; a receiver
    # whose secret is empty is switched off. A list while rotating one.
    "SLACK_SIGNING_SECRET": "",
    "SLACK_BOT_TOKEN": "",  # to fetch photos and senders' names
    "TELEGRAM_BOT_TOKEN": "",  # to fetch photos
    "TELEGRAM_WEBHOOK_SECRET": "",  # the secret_token given to setWebhook
    "INGEST_CLIENT": "wagtail_liveblog.ingest.client.HTTPClient",
    "INGEST_TIMEOUT": 10,  # seconds a call to a chat service may take
    # Push to other systems (the optional wagtail_liveblog.webhooks app, and
    # WebSub). Seconds one webhook delivery or hub ping may take to connect,
    # and to each read of the answer.
    "WEBHOOK_TIMEOUT": 10,
    # Seconds to wait before each retry of a failed delivery (after the
    # first attempt, the second, ...): one attempt more than there are
    # delays. [] never retries.
    "WEBHOOK_RETRY_DELAYS": [10, 60, 300, 1800, 7200, 21600],
    # Deliver to private, loopback, link-local and other non-public
    # addresses, over plain http too: for development and tests only.
    "WEBHOOK_ALLOW_PRIVATE_TARGETS": False,
    # Days a delivery and its attempts stay in the log.
    "WEBHOOK_LOG_DAYS": 30,
    # A WebSub hub (https://…): the Atom feed names it, and every change of
    # a public, live blog pings it. None: no hub.
    "WEBSUB_HUB": None,
}

#: Settings holding secrets (never shown in errors).
SECRET_SETTINGS = (
    "SLACK_SIGNING_SECRET",
    "SLACK_BOT_TOKEN",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
)

# Settings that no longer exist, and why: a site still setting one is told
# what happened rather than only that the key is unknown.
REMOVED: dict[str, str] = {
    "KEEP_REVISIONS": (
        "updates are rows with their own revisions, so posting no longer "
        "adds revisions to the blog page"
    ),
    "INLINE_EDITING": "updates are edited on the live desk, not in the page editor",
}


def unknown_key_message(key: Any) -> str:
    """What to say about a key of ``WAGTAIL_LIVEBLOG`` that is not a setting."""
    if key in REMOVED:
        return f"{key} was removed ({REMOVED[key]}): delete it"
    return f"{key} is not a known setting"


def merged(user: Any) -> dict[str, Any]:
    """Defaults overlaid with the known keys of ``user`` (never raises)."""
    values = dict(DEFAULTS)
    if isinstance(user, dict):
        values.update({k: v for k, v in user.items() if k in DEFAULTS})
    return values


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The effective settings: defaults overlaid with the site's values.

    A misspelt key is an error on first use, even where no system checks
    run (gunicorn): a typo must not silently fall back to a default.
    ``manage.py check`` reports the same problems with ids.
    """
    user = user_settings()
    if user is None:
        return dict(DEFAULTS)
    if not isinstance(user, dict):
        raise ImproperlyConfigured(
            f"{SETTING_NAME} must be a dict, not {type(user).__name__}."
        )
    unknown = sorted(set(user) - set(DEFAULTS), key=str)
    if unknown:
        raise ImproperlyConfigured(
            f"{SETTING_NAME} has unknown key(s): "
            f"{'; '.join(unknown_key_message(key) for key in unknown)}. "
            f"Known settings: {', '.join(sorted(DEFAULTS))}."
        )
    return merged(user)


def get(name: str, *, strict: bool = True) -> Any:
    """One setting. ``strict=False`` never raises on a bad ``WAGTAIL_LIVEBLOG``
    (for code that runs during ``manage.py check``, so the checks can report
    the problem with their ids)."""
    if strict:
        return settings()[name]
    return merged(user_settings())[name]


def user_settings() -> Any:
    """The raw ``WAGTAIL_LIVEBLOG`` value, for the system checks."""
    return getattr(django_settings, SETTING_NAME, None)


@receiver(setting_changed)
def _clear_cache(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTING_NAME:
        settings.cache_clear()
