from wagtail import hooks

from .permissions import register_permission_policy

# First: Wagtail 8 refuses a policy registered after it handed out a default.
register_permission_policy()

from .viewsets import WebhookDeliveryViewSet, WebhookEndpointViewSet  # noqa: E402


@hooks.register("register_admin_viewset")
def register_webhook_endpoints():
    return WebhookEndpointViewSet("wagtail_liveblog_webhooks")


@hooks.register("register_admin_viewset")
def register_webhook_deliveries():
    return WebhookDeliveryViewSet("wagtail_liveblog_webhook_deliveries")
