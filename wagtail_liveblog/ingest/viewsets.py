"""The admin screens of chat connections: Settings → Live blog chat."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import get_page_models

from ..models.page import LiveBlogPageMixin
from .models import ChatConnection


def liveblog_models() -> list:
    return [m for m in get_page_models() if issubclass(m, LiveBlogPageMixin)]


class ChatConnectionViewSet(ModelViewSet):
    model = ChatConnection
    icon = "link"
    menu_label = _("Live blog chat")
    add_to_settings_menu = True
    list_display = ["name", "service", "channel", "blog", "user", "publish", "enabled"]
    list_filter = ["service", "publish", "enabled"]
    inspect_view_enabled = False

    @property
    def panels(self) -> list:
        return [
            FieldPanel("name"),
            MultiFieldPanel(
                [FieldPanel("service"), FieldPanel("channel")],
                heading=_("Chat"),
            ),
            FieldPanel(
                "blog", widget=AdminPageChooser(target_models=liveblog_models())
            ),
            FieldPanel("user"),
            FieldRowPanel([FieldPanel("publish"), FieldPanel("enabled")]),
        ]
