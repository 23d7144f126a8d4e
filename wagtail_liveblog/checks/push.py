"""The settings of webhooks (``wagtail_liveblog.webhooks``) and WebSub."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from .. import conf
from .values import S, invalid, positive_int, positive_number


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
    return [
        *invalid(
            raw,
            "WEBHOOK_TIMEOUT",
            positive_number,
            "a positive number of seconds",
            "E030",
        ),
        *invalid(
            raw,
            "WEBHOOK_RETRY_DELAYS",
            _delays,
            "a list of seconds (numbers, 0 or more)",
            "E031",
            hint=f"{S}['WEBHOOK_RETRY_DELAYS'] = [10, 60, 300, 1800, 7200, "
            "21600], or [] to never retry.",
        ),
        *invalid(
            raw,
            "WEBHOOK_ALLOW_PRIVATE_TARGETS",
            lambda value: isinstance(value, bool),
            "True or False",
            "E032",
        ),
        *invalid(
            raw,
            "WEBHOOK_LOG_DAYS",
            positive_int,
            "a positive whole number of days",
            "E033",
        ),
        *invalid(
            raw,
            "WEBSUB_HUB",
            _hub,
            "None or the http(s) URL of a WebSub hub",
            "E034",
            hint=f"{S}['WEBSUB_HUB'] = 'https://pubsubhubbub.appspot.com/'",
        ),
    ]
