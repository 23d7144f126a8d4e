"""Read-only panels of the endpoint editor: its secret (regenerate only:
it is never shown again) and its recent deliveries."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

RECENT = 10


class SecretPanel(Panel):
    def __init__(self, **kwargs: Any):
        kwargs.setdefault("heading", _("Signing secret"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_liveblog/webhooks/secret_panel.html"

        def is_shown(self) -> bool:
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["regenerate_url"] = reverse(
                "wagtail_liveblog_webhooks:regenerate", args=[self.instance.pk]
            )
            return context


class RecentDeliveriesPanel(Panel):
    def __init__(self, **kwargs: Any):
        kwargs.setdefault("heading", _("Recent deliveries"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_liveblog/webhooks/recent_deliveries_panel.html"

        def is_shown(self) -> bool:
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            endpoint = self.instance
            context["deliveries"] = list(
                endpoint.deliveries.select_related("blog").order_by(
                    "-created_at", "-pk"
                )[:RECENT]
            )
            context["all_url"] = (
                reverse("wagtail_liveblog_webhook_deliveries:index")
                + "?"
                + urlencode({"endpoint": endpoint.pk})
            )
            context["inspect_url_name"] = "wagtail_liveblog_webhook_deliveries:inspect"
            return context
