"""System checks of chat ingest's settings (in ``WAGTAIL_LIVEBLOG``)."""

from __future__ import annotations

from django.core.checks import Warning, register

from .. import conf

S = conf.SETTING_NAME


@register("wagtail_liveblog")
def check_telegram_secret(app_configs=None, **kwargs) -> list:
    values = conf.merged(conf.user_settings())
    if values["TELEGRAM_BOT_TOKEN"] and not values["TELEGRAM_WEBHOOK_SECRET"]:
        return [
            Warning(
                f"{S} has a TELEGRAM_BOT_TOKEN but no TELEGRAM_WEBHOOK_SECRET: the "
                "Telegram receiver refuses every request until it has one.",
                hint="Pass the same secret_token to Telegram's setWebhook.",
                id="wagtail_liveblog.W001",
            )
        ]
    return []
