from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailLiveBlogWebhooksAppConfig(AppConfig):
    name = "wagtail_liveblog.webhooks"
    label = "wagtail_liveblog_webhooks"
    verbose_name = _("Live blog webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import dispatch

        dispatch.connect()
