"""Which chat posts to which blog, and which update each message became.

- ``ChatConnection``: one Slack channel or Telegram chat connected to one
  live blog, posting as one Wagtail user, at once or as drafts. Set up by
  editors under **Settings → Live blog chat**.
- ``IngestedMessage``: a message that became an update (and the images its
  photos became), so an edit of the message edits the update, a deletion
  removes it, and a message delivered twice is posted once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import access
from ..access import chat
from ..models.timeline import PAGE_MODEL

SLACK = "slack"
TELEGRAM = "telegram"
SERVICES = [(SLACK, "Slack"), (TELEGRAM, "Telegram")]


class ChatConnection(models.Model):
    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("For your own reference, for example “Storm desk channel”."),
    )
    service = models.CharField(_("service"), max_length=16, choices=SERVICES)
    channel = models.CharField(
        _("channel or chat ID"),
        max_length=64,
        help_text=_(
            "Slack: the channel ID, at the bottom of the channel's details "
            "(C0123ABCDEF). Telegram: the chat ID (for a group or channel, a "
            "negative number such as -1001234567890)."
        ),
    )
    blog = models.ForeignKey(
        PAGE_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("live blog"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("post as"),
        help_text=_(
            "The Wagtail user the posts are made as: the update history shows "
            "them, and their permissions on the blog apply. The byline is the "
            "sender's name in the chat."
        ),
    )
    publish = models.BooleanField(
        _("publish at once"),
        default=True,
        help_text=_(
            "Off: posts are saved as drafts, for an editor to publish from the "
            "live desk."
        ),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("live blog chat connection")
        verbose_name_plural = _("live blog chat connections")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "channel"], name="liveblog_ingest_channel_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.channel = (self.channel or "").strip()
        errors: dict[str, str] = {}
        blog = None
        if self.blog_id is not None:
            blog = self.blog.specific
            if not access.is_liveblog(blog):
                errors["blog"] = _("Choose a live blog page.")
        if blog is not None and not errors and self.user_id is not None:
            if not chat.may_connect(self.user, blog, publish=False):
                errors["user"] = _("This user cannot edit this live blog.")
            elif self.publish and not chat.may_connect(self.user, blog, publish=True):
                errors["publish"] = _(
                    "This user cannot publish on this live blog: post drafts, "
                    "or choose a user who can publish."
                )
        if errors:
            raise ValidationError(errors)


class IngestedMessage(models.Model):
    connection = models.ForeignKey(
        ChatConnection, on_delete=models.CASCADE, related_name="messages"
    )
    # The message's id in its chat: Slack's ``ts``, Telegram's message_id.
    message = models.CharField(max_length=128)
    update_id = models.UUIDField(null=True, blank=True)
    # The photos of the message (the service's file id) → Wagtail image ids.
    images = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ingested chat message")
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "message"], name="liveblog_ingest_message_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.connection}: {self.message} → {self.update_id}"
