"""The admin screens of webhooks: Settings → Live blog webhooks.

- endpoints (``wagtail_liveblog_webhooks``): Wagtail's listing, create,
  edit and delete views, plus the secret shown once (``secret``) and
  ``regenerate`` (``views.py``);
- deliveries (``wagtail_liveblog_webhook_deliveries``): a listing with
  filters (endpoint, event, status), each delivery's page with its attempts,
  and ``retry`` — no menu item of their own: the endpoint listing and each
  endpoint's page lead there.
"""

from __future__ import annotations

from functools import cached_property

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser, HeaderButton
from wagtail.models import get_page_models

from ..models.page import LiveBlogPageMixin
from . import views
from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint
from .panels import RecentDeliveriesPanel, SecretPanel
from .permissions import delivery_policy

try:  # Wagtail 8: views ask the policy registry (``permissions.py`` registers)
    from wagtail.permissions import policy_registry  # noqa: F401

    HAS_POLICY_REGISTRY = True
except ImportError:  # Wagtail 7.4: views get the viewset's ``permission_policy``
    HAS_POLICY_REGISTRY = False

DELIVERIES = "wagtail_liveblog_webhook_deliveries"


def liveblog_models() -> list:
    return [m for m in get_page_models() if issubclass(m, LiveBlogPageMixin)]


class EndpointIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Deliveries"),
                url=reverse(f"{DELIVERIES}:index"),
                icon_name="list-ul",
            ),
        ]


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link"
    menu_label = _("Live blog webhooks")
    add_to_settings_menu = True
    index_view_class = EndpointIndexView
    add_view_class = views.EndpointCreateView
    list_display = ["__str__", "url", "event_labels", "all_blogs", "enabled"]
    list_filter = ["enabled", "all_blogs"]
    inspect_view_enabled = False
    copy_view_enabled = False
    add_to_reference_index = False

    @property
    def edit_handler(self):
        blog_chooser = AdminPageChooser(target_models=liveblog_models())
        return ObjectList(
            [
                FieldPanel("url"),
                FieldPanel("description"),
                FieldPanel("events"),
                MultiFieldPanel(
                    [
                        FieldPanel("all_blogs"),
                        MultipleChooserPanel(
                            "blog_links",
                            chooser_field_name="blog",
                            heading=_("Live blogs"),
                            label=_("Live blog"),
                            panels=[FieldPanel("blog", widget=blog_chooser)],
                        ),
                    ],
                    heading=_("Blogs"),
                ),
                FieldPanel("enabled"),
                SecretPanel(),
                RecentDeliveriesPanel(),
            ],
            base_form_class=WebhookEndpointForm,
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("secret/<int:pk>/", views.SecretView.as_view(), name="secret"),
            path(
                "regenerate/<int:pk>/",
                views.RegenerateSecretView.as_view(),
                name="regenerate",
            ),
        ]


class DeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("endpoint", "blog")

    def order_queryset(self, queryset):
        return queryset.order_by("-created_at", "-pk")


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Webhook deliveries")
    add_to_admin_menu = False
    index_view_class = DeliveryIndexView
    inspect_view_class = views.DeliveryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False  # a log, not content that uses pages
    list_filter = ["endpoint", "event_type", "status"]
    list_display = [
        "event_type",
        DateColumn("created_at", label=_("When")),
        Column("endpoint", label=_("Endpoint")),
        Column("blog", label=_("Live blog")),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda delivery: delivery.status == "succeeded",
        ),
        Column("attempts", label=_("Attempts")),
    ]

    if not HAS_POLICY_REGISTRY:
        permission_policy = delivery_policy

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            retry_url_name=self.get_url_name("retry"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "<int:pk>/retry/",
                views.RetryView.as_view(inspect_url_name=self.get_url_name("inspect")),
                name="retry",
            ),
        ]
