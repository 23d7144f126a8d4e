"""Chat ingest's settings, which live in ``WAGTAIL_LIVEBLOG`` (see
``wagtail_liveblog.conf``): the services' secrets come from settings (so the
environment), never from the database or the admin; one Slack app and one
Telegram bot per site, whose channels and chats editors connect to blogs.

A receiver whose secret is not set answers 404: it is switched off.
"""

from __future__ import annotations

from typing import Any

from .. import conf

# Names inside chat ingest, and the WAGTAIL_LIVEBLOG keys they read.
KEYS = {
    "SLACK_SIGNING_SECRET": "SLACK_SIGNING_SECRET",
    "SLACK_BOT_TOKEN": "SLACK_BOT_TOKEN",
    "TELEGRAM_BOT_TOKEN": "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET": "TELEGRAM_WEBHOOK_SECRET",
    "CLIENT": "INGEST_CLIENT",
    "TIMEOUT": "INGEST_TIMEOUT",
}


def get(name: str) -> Any:
    return conf.get(KEYS[name])


def secrets(name: str) -> list[str]:
    """A secret setting as a list: empty when unset, several while rotating."""
    value = get(name)
    values = value if isinstance(value, list | tuple) else [value]
    return [v for v in values if isinstance(v, str) and v]
