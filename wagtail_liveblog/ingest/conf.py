"""Settings of chat ingest, read from the ``WAGTAIL_LIVEBLOG_INGEST`` dict.

The services' secrets live in settings (so in the environment, never in
the database or the admin): one Slack app and one Telegram bot per site,
whose channels and chats editors connect to blogs in the admin.

- ``SLACK_SIGNING_SECRET``: the Slack app's signing secret (a list of
  secrets while rotating one);
- ``SLACK_BOT_TOKEN``: its bot token (``xoxb-…``), to fetch photos
  (``files:read``) and senders' names (``users:read``);
- ``TELEGRAM_BOT_TOKEN``: the bot's token, to fetch photos;
- ``TELEGRAM_WEBHOOK_SECRET``: the ``secret_token`` given to
  ``setWebhook`` (a list while rotating);
- ``CLIENT``: the dotted path of the class that talks to the services
  (tests put a fake here);
- ``TIMEOUT``: seconds a call to a service may take.

A receiver whose secret is not set answers 404: it is switched off.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTING_NAME = "WAGTAIL_LIVEBLOG_INGEST"
SECRETS = (
    "SLACK_SIGNING_SECRET",
    "SLACK_BOT_TOKEN",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
)
DEFAULTS: dict[str, Any] = {
    "SLACK_SIGNING_SECRET": "",
    "SLACK_BOT_TOKEN": "",
    "TELEGRAM_BOT_TOKEN": "",
    "TELEGRAM_WEBHOOK_SECRET": "",
    "CLIENT": "wagtail_liveblog.ingest.client.HTTPClient",
    "TIMEOUT": 10,
}


def user_settings() -> Any:
    return getattr(django_settings, SETTING_NAME, None)


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    user = user_settings()
    if user is None:
        return dict(DEFAULTS)
    if not isinstance(user, dict):
        raise ImproperlyConfigured(f"{SETTING_NAME} must be a dict.")
    unknown = sorted(str(key) for key in set(user) - set(DEFAULTS))
    if unknown:
        raise ImproperlyConfigured(
            f"{SETTING_NAME} has unknown key(s): {', '.join(unknown)}. "
            f"Known settings: {', '.join(sorted(DEFAULTS))}."
        )
    return {**DEFAULTS, **user}


def get(name: str) -> Any:
    return settings()[name]


def secrets(name: str) -> list[str]:
    """A secret setting as a list: empty when unset, several while rotating."""
    value = get(name)
    values = value if isinstance(value, list | tuple) else [value]
    return [v for v in values if isinstance(v, str) and v]


@receiver(setting_changed)
def _clear_cache(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTING_NAME:
        settings.cache_clear()
