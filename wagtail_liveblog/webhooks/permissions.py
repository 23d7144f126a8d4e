"""Who may see and retry deliveries: whoever may manage webhook endpoints.

The deliveries listing and a delivery's page need any of the endpoint
permissions (add, change, delete); "Retry now" needs "change". Nobody adds,
edits or deletes a delivery by hand.
"""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import WebhookDelivery, WebhookEndpoint


class DeliveryPermissionPolicy(BasePermissionPolicy):
    """An action on deliveries is allowed to whoever may do it to endpoints
    (the model permissions of ``WebhookEndpoint``)."""

    def __init__(self):
        super().__init__(WebhookDelivery)
        self.endpoints = ModelPermissionPolicy(WebhookEndpoint)

    def user_has_permission(self, user, action):
        return self.endpoints.user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return self.endpoints.user_has_any_permission(user, actions)

    def users_with_any_permission(self, actions):
        return self.endpoints.users_with_any_permission(actions)


delivery_policy = DeliveryPermissionPolicy()


def register_permission_policy() -> None:
    """Register the deliveries' policy with Wagtail 8's registry (a no-op
    on 7.4, whose views get the viewset's ``permission_policy``). Before
    anything asks the registry about deliveries: the top of
    ``wagtail_hooks.py``."""
    try:
        from wagtail.permissions import policy_registry
        from wagtail.permissions import register_permission_policy as register
    except ImportError:
        return
    if policy_registry.get_by_type(WebhookDelivery, fallback=False) is None:
        register(WebhookDelivery, delivery_policy, exact_class=True)
