"""``LiveBlogIdempotencyKey``: what a write-API post answered, by its key.

A client that sends ``Idempotency-Key: <key>`` with ``POST …/updates/``
and retries after a timeout must not post twice. The first successful post
stores its answer under (user, key), in the same transaction as the
update itself; a retry with the same key and the same request gets that
answer again, a different request with the same key is refused. Keys are
kept for :data:`RETENTION`; after that a key is free again.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .timeline import PAGE_MODEL

#: How long a key is remembered (documented in ``docs/posting.md``).
RETENTION = timedelta(hours=24)


class LiveBlogIdempotencyKey(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    key = models.CharField(_("key"), max_length=255)
    blog = models.ForeignKey(
        PAGE_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("live blog"),
    )
    # SHA-256 of the request (blog, fields, uploaded files).
    fingerprint = models.CharField(max_length=64)
    # The first answer, byte for byte (JSON text: jsonb would reorder keys).
    status = models.PositiveSmallIntegerField()
    body = models.TextField()
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("live blog idempotency key")
        verbose_name_plural = _("live blog idempotency keys")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="liveblog_idempotency_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Idempotency key {self.key!r} of user {self.user_id}"

    @property
    def expired(self) -> bool:
        return self.created < timezone.now() - RETENTION

    @classmethod
    def purge_expired(cls) -> int:
        """Forget the keys older than :data:`RETENTION`; how many went."""
        deleted, _counts = cls.objects.filter(
            created__lt=timezone.now() - RETENTION
        ).delete()
        return deleted
