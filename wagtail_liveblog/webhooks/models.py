"""Webhook endpoints, and the log of what was sent to them.

- ``WebhookEndpoint``: a URL that receives signed events (which ones, of
  which blogs), with its secret. Set up under **Settings → Live blog
  webhooks**.
- ``WebhookDelivery``: one event for one endpoint: the body sent (the same
  on every attempt), its ``webhook-id``, where it stands (pending,
  retrying, succeeded, failed) and when it is next tried.
- ``WebhookAttempt``: one try at a delivery: when, how long it took, the
  receiver's status code or the error.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from .. import access
from ..models.timeline import PAGE_MODEL
from . import signing, targets
from .events import EVENT_CHOICES, EVENT_TYPES


def all_events() -> list[str]:
    return list(EVENT_TYPES)


class WebhookEndpoint(ClusterableModel):
    url = models.URLField(
        _("URL"),
        max_length=2000,
        help_text=_(
            "Where events are sent, as signed POST requests: an https:// "
            "address on the public internet."
        ),
    )
    description = models.CharField(
        _("description"),
        max_length=255,
        blank=True,
        help_text=_("For your own reference, for example “Newsletter service”."),
    )
    events = models.JSONField(
        _("events"),
        default=all_events,
        help_text=_("What to send."),
    )
    all_blogs = models.BooleanField(
        _("all live blogs"),
        default=True,
        help_text=_(
            "Send the events of every live blog, including those made later. "
            "Off: only the blogs chosen below."
        ),
    )
    enabled = models.BooleanField(
        _("enabled"),
        default=True,
        help_text=_("Off: nothing is sent, and the endpoint keeps its settings."),
    )
    # Shown once, when made; never editable (regenerate it instead).
    secret = models.CharField(max_length=100, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("live blog webhook")
        verbose_name_plural = _("live blog webhooks")
        ordering = ["url", "pk"]

    def __str__(self) -> str:
        return self.description or self.url

    def save(self, *args, **kwargs) -> None:
        if not self.secret:
            self.secret = signing.new_secret()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        events = self.events if isinstance(self.events, list) else None
        if not events or not set(events) <= set(EVENT_TYPES):
            errors["events"] = [_("Choose at least one event.")]
        if self.url:
            try:
                targets.resolve(self.url)
            except ValidationError as error:
                errors["url"] = error.error_list
        if errors:
            raise ValidationError(errors)

    def regenerate_secret(self) -> str:
        self.secret = signing.new_secret()
        self.save(update_fields=["secret"])
        return self.secret

    def event_labels(self) -> list[str]:
        labels = dict(EVENT_CHOICES)
        return [str(labels[event]) for event in EVENT_TYPES if event in self.events]


class WebhookEndpointBlog(Orderable):
    """A blog whose events an endpoint gets (when it is not for all blogs)."""

    endpoint = ParentalKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="blog_links"
    )
    blog = models.ForeignKey(
        PAGE_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("live blog"),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("live blog")
        verbose_name_plural = _("live blogs")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "blog"], name="liveblog_webhook_blog_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.endpoint} ← {self.blog_id}"

    def clean(self) -> None:
        super().clean()
        if self.blog_id is not None and not access.is_liveblog(self.blog):
            raise ValidationError({"blog": _("Choose a live blog page.")})


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Retrying")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    message_id = models.CharField(_("webhook-id"), max_length=64)
    event_type = models.CharField(_("event"), max_length=32, choices=EVENT_CHOICES)
    blog = models.ForeignKey(
        PAGE_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("live blog"),
    )
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), db_index=True)
    # Retrying: when the next attempt is due. Pending: when the attempt
    # on its way (or queued) should have ended: past it, it is stuck.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["endpoint", "-created_at"], name="liveblog_webhook_recent"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "message_id"], name="liveblog_webhook_message"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint}"

    @property
    def may_retry(self) -> bool:
        """Whether "Retry now" may send it again: when it failed or waits
        for a retry, or when it is pending past the time its attempt should
        have ended (the process that had it stopped); not while an attempt
        is on its way, nor once it succeeded."""
        if self.status in (DeliveryStatus.FAILED, DeliveryStatus.RETRYING):
            return True
        return (
            self.status == DeliveryStatus.PENDING
            and self.next_attempt_at is not None
            and self.next_attempt_at <= timezone.now()
        )


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("delivery"),
    )
    number = models.PositiveIntegerField(_("attempt"))
    at = models.DateTimeField(_("at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    status_code = models.PositiveIntegerField(_("status code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"Attempt {self.number} of {self.delivery_id}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
