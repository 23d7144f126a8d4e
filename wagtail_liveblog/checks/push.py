"""The settings of webhooks (``wagtail_liveblog.webhooks``) and WebSub."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from .. import conf
from .values import S, positive_int, positive_number


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
    if "WEBHOOK_TIMEOUT" in raw and not positive_number(raw["WEBHOOK_TIMEOUT"]):
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
    if "WEBHOOK_LOG_DAYS" in raw and not positive_int(raw["WEBHOOK_LOG_DAYS"]):
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
