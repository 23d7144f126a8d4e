from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailLiveBlogAppConfig(AppConfig):
    name = "wagtail_liveblog"
    label = "wagtail_liveblog"
    verbose_name = _("Live blog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, signal_handlers  # noqa: F401
        from .push import websub

        signal_handlers.connect()
        websub.connect()
