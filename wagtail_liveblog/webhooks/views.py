"""The webhook admin's own views, beside Wagtail's generic ones.

- the create view: after saving, on to the secret (shown once);
- ``secret/<pk>/``: the secret just made, read from the session once and
  gone from it (a reload shows nothing; the admin never shows it again);
- ``regenerate/<pk>/``: confirm, then a new secret, shown once the same way
  (the old one stops signing at once);
- deliveries: a delivery's page (its body and every attempt) and
  "Retry now".
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import CreateView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from . import delivery
from .models import WebhookDelivery, WebhookEndpoint
from .permissions import delivery_policy

SESSION_KEY = "wagtail_liveblog_webhook_secrets"
endpoint_policy = ModelPermissionPolicy(WebhookEndpoint)


def remember_secret(request, endpoint: WebhookEndpoint) -> None:
    """Keep the new secret in the session until it is shown, once."""
    secrets = dict(request.session.get(SESSION_KEY) or {})
    secrets[str(endpoint.pk)] = endpoint.secret
    request.session[SESSION_KEY] = secrets


def take_secret(request, endpoint: WebhookEndpoint) -> str | None:
    secrets = dict(request.session.get(SESSION_KEY) or {})
    secret = secrets.pop(str(endpoint.pk), None)
    if secrets:
        request.session[SESSION_KEY] = secrets
    else:
        request.session.pop(SESSION_KEY, None)
    return secret


def secret_url(endpoint_pk) -> str:
    return reverse("wagtail_liveblog_webhooks:secret", args=[endpoint_pk])


class EndpointCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        remember_secret(self.request, instance)
        return instance

    def get_success_url(self):
        return secret_url(self.object.pk)

    def get_success_message(self, instance):
        return _("Webhook '%(endpoint)s' created. Copy its signing secret now.") % {
            "endpoint": instance
        }


class EndpointMixin(WagtailAdminTemplateMixin):
    header_icon = "link"
    #: Permission on endpoints needed (``any_permission``: any of these).
    any_permission = ("add", "change")

    def dispatch(self, request, *args, **kwargs):
        if not endpoint_policy.user_has_any_permission(
            request.user, self.any_permission
        ):
            raise PermissionDenied
        self.endpoint = get_object_or_404(WebhookEndpoint, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.endpoint)

    def get_breadcrumbs_items(self):
        return [
            {
                "url": reverse("wagtail_liveblog_webhooks:index"),
                "label": WebhookEndpoint._meta.verbose_name_plural.capitalize(),
            },
            {
                "url": reverse(
                    "wagtail_liveblog_webhooks:edit", args=[self.endpoint.pk]
                ),
                "label": str(self.endpoint),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["endpoint"] = self.endpoint
        context["edit_url"] = reverse(
            "wagtail_liveblog_webhooks:edit", args=[self.endpoint.pk]
        )
        return context


class SecretView(EndpointMixin, TemplateView):
    """The new secret, once; a later visit says how to get another."""

    template_name = "wagtail_liveblog/webhooks/secret.html"
    page_title = _("Signing secret")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["secret"] = take_secret(self.request, self.endpoint)
        context["regenerate_url"] = reverse(
            "wagtail_liveblog_webhooks:regenerate", args=[self.endpoint.pk]
        )
        return context


class RegenerateSecretView(EndpointMixin, TemplateView):
    """GET: what regenerating does; POST: a new secret, shown once."""

    template_name = "wagtail_liveblog/webhooks/regenerate.html"
    page_title = _("Regenerate the signing secret")
    any_permission = ("change",)

    def post(self, request, *args, **kwargs):
        self.endpoint.regenerate_secret()
        remember_secret(request, self.endpoint)
        messages.success(
            request,
            _("A new secret signs the deliveries of '%(endpoint)s' from now on.")
            % {"endpoint": self.endpoint},
        )
        return redirect(secret_url(self.endpoint.pk))


class DeliveryInspectView(InspectView):
    """A delivery: what was sent, every attempt, and "Retry now"."""

    template_name = "wagtail_liveblog/webhooks/delivery.html"
    retry_url_name = None

    def get_fields(self):
        return ["endpoint", "event_type", "blog", "status", "message_id", "created_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            body = json.dumps(
                json.loads(self.object.body), indent=2, ensure_ascii=False
            )
        except ValueError:
            body = self.object.body
        may_retry = self.object.may_retry and delivery_policy.user_has_permission(
            self.request.user, "change"
        )
        context.update(
            delivery=self.object,
            body=body,
            attempts=list(self.object.attempt_log.all()),
            retry_url=(
                reverse(self.retry_url_name, args=[self.object.pk])
                if may_retry
                else None
            ),
        )
        return context


class RetryView(View):
    """POST: send a failed or retrying delivery again, now."""

    inspect_url_name = None

    def post(self, request, pk):
        if not delivery_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        found = WebhookDelivery.objects.filter(pk=pk).first()
        if found is None:
            raise Http404
        if delivery.retry_now(found):
            messages.success(request, _("The delivery is being sent again."))
        else:
            messages.warning(
                request,
                _("This delivery is not waiting for a retry: nothing was sent."),
            )
        return redirect(reverse(self.inspect_url_name, args=[pk]))
