"""System checks for ``WAGTAIL_LIVEBLOG_INGEST``, with stable ids."""

from __future__ import annotations

from django.core.checks import Error, Warning, register

from . import conf

S = conf.SETTING_NAME


@register("wagtail_liveblog")
def check_settings(app_configs=None, **kwargs) -> list:
    raw = conf.user_settings()
    if raw is None:
        return []
    if not isinstance(raw, dict):
        return [
            Error(
                f"{S} must be a dict.",
                hint=f"Set {S} = {{'SLACK_SIGNING_SECRET': ..., ...}}.",
                id="wagtail_liveblog_ingest.E001",
            )
        ]
    problems: list = []
    for key in sorted(set(raw) - set(conf.DEFAULTS), key=str):
        problems.append(
            Error(
                f"{S} has an unknown key: {key!r}.",
                hint=f"Known settings: {', '.join(sorted(conf.DEFAULTS))}.",
                id="wagtail_liveblog_ingest.E002",
            )
        )
    for key in conf.SECRETS:
        value = raw.get(key, "")
        values = value if isinstance(value, list | tuple) else [value]
        if not all(isinstance(v, str) for v in values):
            problems.append(
                Error(
                    f"{S}[{key!r}] must be a string (or a list of strings).",
                    id="wagtail_liveblog_ingest.E003",
                )
            )
    if raw.get("TELEGRAM_BOT_TOKEN") and not raw.get("TELEGRAM_WEBHOOK_SECRET"):
        problems.append(
            Warning(
                f"{S} has a TELEGRAM_BOT_TOKEN but no TELEGRAM_WEBHOOK_SECRET: the "
                "Telegram receiver refuses every request until it has one.",
                hint="Pass the same secret_token to Telegram's setWebhook.",
                id="wagtail_liveblog_ingest.W001",
            )
        )
    return problems
