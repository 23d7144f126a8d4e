"""From a change to deliveries: one per endpoint that wants the event.

``liveblog_changed`` arrives after the write committed. When some enabled
endpoint could want one of its events, :func:`announce_change` runs in the
background (``push/background.py``): it reads the blog once — only a live
blog that anyone may read sends anything (``push/public.py``) — builds each
event's body once, records a ``WebhookDelivery`` for each endpoint that
wants it (one ``webhook-id`` per event, shared by its endpoints), and
enqueues one delivery task each (``delivery.py``). It also drops the log's
entries older than ``WEBHOOK_LOG_DAYS``.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .. import conf
from ..db import write_transaction
from ..formats import iso
from ..push import background
from ..push.public import public_blog
from ..signals import liveblog_changed
from . import delivery, events, signing
from .models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


def on_change(sender, *, blog_id: int, version: int, **kwargs) -> None:
    """``liveblog_changed``: announce its webhook events in the background."""
    wanted = [
        [event.type, str(event.update_id) if event.update_id else None]
        for event in kwargs.get("events", ())
        if event.type in events.EVENT_TYPES
    ]
    if not wanted or not WebhookEndpoint.objects.filter(enabled=True).exists():
        return
    background.enqueue(announce_change, blog_id, version, wanted, iso(timezone.now()))


@task()
def announce_change(blog_id: int, version: int, changes: list, timestamp: str) -> None:
    """Record and enqueue the deliveries of one change (see the module)."""
    forget_old_deliveries()
    blog = public_blog(blog_id)
    if blog is None:
        return
    endpoints = list(
        WebhookEndpoint.objects.filter(
            Q(all_blogs=True) | Q(blog_links__blog_id=blog_id), enabled=True
        ).distinct()
    )
    if not endpoints:
        return
    update_ids = {update_id for event_type, update_id in changes if update_id}
    updates = events.live_updates(blog_id, update_ids) if update_ids else {}
    now = timezone.now()
    deliveries = []
    for event_type, update_id in changes:
        receivers = [e for e in endpoints if event_type in (e.events or [])]
        if not receivers:
            continue
        data = events.event_data(blog, version, event_type, update_id, updates)
        if data is None:
            continue
        body = events.body(event_type, timestamp, data)
        message_id = signing.new_message_id()
        deliveries += [
            WebhookDelivery(
                endpoint=endpoint,
                message_id=message_id,
                event_type=event_type,
                blog_id=blog_id,
                body=body,
                status=DeliveryStatus.PENDING,
                created_at=now,
                next_attempt_at=delivery.overdue_at(now),
            )
            for endpoint in receivers
        ]
    if not deliveries:
        return
    with write_transaction():
        created = WebhookDelivery.objects.bulk_create(deliveries)
    ids = [row.pk for row in created]
    if None in ids:  # a database that does not return the new ids
        ids = list(
            WebhookDelivery.objects.filter(
                message_id__in={row.message_id for row in deliveries}
            ).values_list("pk", flat=True)
        )
    for delivery_id in ids:
        background.enqueue(delivery.deliver, delivery_id, 1)


def forget_old_deliveries() -> None:
    """Drop deliveries (and their attempts) older than ``WEBHOOK_LOG_DAYS``."""
    cutoff = timezone.now() - timedelta(days=conf.get("WEBHOOK_LOG_DAYS"))
    if WebhookDelivery.objects.filter(created_at__lt=cutoff).exists():
        with write_transaction():
            WebhookDelivery.objects.filter(created_at__lt=cutoff).delete()


def connect() -> None:
    liveblog_changed.connect(on_change, dispatch_uid="wagtail_liveblog_webhooks")
