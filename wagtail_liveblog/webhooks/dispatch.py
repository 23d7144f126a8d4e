"""From a change to deliveries: one per endpoint that wants the event.

``liveblog_changed`` arrives after the write committed. When some enabled
endpoint wants one of its events, :func:`on_change` reads the blog there and
then — only a live blog that anyone may read sends anything
(``push/public.py``) — and builds each event's body once, so that it holds
the state this change left, whatever comes after it (a few milliseconds,
and only for a blog some endpoint follows). In the background
(``push/background.py``), :func:`record_deliveries` records a
``WebhookDelivery`` for each endpoint that wants it (one ``webhook-id`` per
event, shared by its endpoints) and enqueues one delivery task each
(``delivery.py``). It also drops the log's entries older than
``WEBHOOK_LOG_DAYS``.
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
    """``liveblog_changed``: each wanted event's body, now; its deliveries
    in the background."""
    changes = [
        (event.type, str(event.update_id) if event.update_id else None)
        for event in kwargs.get("events", ())
        if event.type in events.EVENT_TYPES
    ]
    if not changes:
        return
    endpoints = list(
        WebhookEndpoint.objects.filter(
            Q(all_blogs=True) | Q(blog_links__blog_id=blog_id), enabled=True
        )
        .distinct()
        .only("pk", "events")
    )
    wanted = [
        (event_type, update_id, receivers)
        for event_type, update_id in changes
        if (receivers := [e.pk for e in endpoints if event_type in (e.events or [])])
    ]
    if not wanted:
        return
    announced = event_bodies(blog_id, version, wanted, iso(timezone.now()))
    if announced:
        background.enqueue(record_deliveries, blog_id, announced)


def event_bodies(blog_id: int, version: int, wanted: list, timestamp: str) -> list:
    """``[event type, body, endpoint ids]`` of each wanted event that has
    something to say, read from the blog as the change left it."""
    blog = public_blog(blog_id)
    if blog is None:
        return []
    update_ids = {update_id for _type, update_id, _receivers in wanted if update_id}
    updates = events.live_updates(blog_id, update_ids) if update_ids else {}
    announced = []
    for event_type, update_id, receivers in wanted:
        data = events.event_data(blog, version, event_type, update_id, updates)
        if data is not None:
            announced.append(
                [event_type, events.body(event_type, timestamp, data), receivers]
            )
    return announced


@task()
def record_deliveries(blog_id: int, announced: list) -> None:
    """Record and enqueue the deliveries of one change's events (see the
    module); an endpoint removed or disabled meanwhile gets none."""
    forget_old_deliveries()
    endpoint_ids = {pk for _type, _body, receivers in announced for pk in receivers}
    enabled = set(
        WebhookEndpoint.objects.filter(pk__in=endpoint_ids, enabled=True).values_list(
            "pk", flat=True
        )
    )
    now = timezone.now()
    deliveries = []
    for event_type, body, receivers in announced:
        message_id = signing.new_message_id()
        deliveries += [
            WebhookDelivery(
                endpoint_id=endpoint_id,
                message_id=message_id,
                event_type=event_type,
                blog_id=blog_id,
                body=body,
                status=DeliveryStatus.PENDING,
                created_at=now,
                next_attempt_at=delivery.overdue_at(now),
            )
            for endpoint_id in receivers
            if endpoint_id in enabled
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
