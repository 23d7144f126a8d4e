"""Settings for wagtail-liveblog, read from the ``WAGTAIL_LIVEBLOG`` dict.

Use :func:`get` (or :func:`settings`) rather than reading Django settings
directly: values are merged with the defaults once and cached, and the cache
is cleared whenever a test overrides ``WAGTAIL_LIVEBLOG``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings as django_settings
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
    # Revisions kept per live blog after each publish; None keeps them all.
    "KEEP_REVISIONS": 50,
    # Wagtail filter specs for the image srcset, narrowest first.
    "IMAGE_RENDITIONS": ["width-480", "width-800", "width-1200"],
    # Number of updates in the Atom feed.
    "FEED_SIZE": 20,
    # Keep the updates StreamField in the page editor (small blogs only).
    # Off: the editor shows a read-only summary and updates go through the
    # live desk.
    "INLINE_EDITING": False,
}


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The effective settings: defaults overlaid with the site's values."""
    user = getattr(django_settings, SETTING_NAME, None) or {}
    merged = dict(DEFAULTS)
    if isinstance(user, dict):
        merged.update({k: v for k, v in user.items() if k in DEFAULTS})
    return merged


def get(name: str) -> Any:
    return settings()[name]


def user_settings() -> Any:
    """The raw ``WAGTAIL_LIVEBLOG`` value, for the system checks."""
    return getattr(django_settings, SETTING_NAME, None)


@receiver(setting_changed)
def _clear_cache(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTING_NAME:
        settings.cache_clear()
