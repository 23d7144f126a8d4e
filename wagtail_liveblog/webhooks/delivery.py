"""One attempt at a delivery, and what follows it.

:func:`deliver` is a task (``django_tasks``), enqueued through
``push/background.py``. Each attempt:

1. claims the delivery for this attempt number, so that a task run twice
   (a worker's retry, "Retry now" racing a scheduled retry) sends once;
2. vets the endpoint's URL again and connects to the addresses it found
   (``targets.py``), signs the stored body with the endpoint's current
   secret and a fresh timestamp (``signing.py``; the ``webhook-id`` stays),
   and POSTs it, following no redirect, within ``WEBHOOK_TIMEOUT``;
3. logs the attempt (``WebhookAttempt``): when, how long, the status code
   or the error. A 2xx answer is a success; anything else is retried after
   the next of ``WEBHOOK_RETRY_DELAYS`` (``run_after`` on a backend that
   defers tasks, a timer in the in-process executor otherwise), and when
   they are used up the delivery has failed.

Nothing here raises to the writer: this runs long after the post returned.
"""

from __future__ import annotations

import http.client
import logging
import time
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .. import conf
from ..db import write_transaction
from ..push import background, outbound
from . import signing, targets
from .models import DeliveryStatus, WebhookAttempt, WebhookDelivery

logger = logging.getLogger(__name__)

OPEN = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)
ERROR_LENGTH = 500


def overdue_at(now):
    """When a delivery pending from ``now`` is stuck (its attempt should
    have ended long before: a lost queue, a process that stopped), and
    "Retry now" may send it again."""
    return now + timedelta(seconds=3 * conf.get("WEBHOOK_TIMEOUT") + 60)


@task()
def deliver(delivery_id: int, attempt: int) -> None:
    """Attempt number ``attempt`` (1 for the first) of one delivery."""
    delivery = claim(delivery_id, attempt)
    if delivery is None:
        return  # already attempted, retried by hand, or deleted
    at = timezone.now()
    clock = time.monotonic()
    status_code, error, final = send(delivery)
    duration_ms = round((time.monotonic() - clock) * 1000)
    record(delivery, attempt, at, duration_ms, status_code, error, final=final)


def claim(delivery_id: int, attempt: int) -> WebhookDelivery | None:
    with write_transaction():
        claimed = WebhookDelivery.objects.filter(
            pk=delivery_id, attempts=attempt - 1, status__in=OPEN
        ).update(
            attempts=attempt,
            status=DeliveryStatus.PENDING,
            next_attempt_at=overdue_at(timezone.now()),
        )
    if not claimed:
        return None
    return (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id)
        .first()
    )


def send(delivery: WebhookDelivery) -> tuple[int | None, str, bool]:
    """POST the delivery: (status code, error, whether not to retry)."""
    endpoint = delivery.endpoint
    if not endpoint.enabled:
        return None, _("Not sent: the endpoint is disabled."), True
    timeout = conf.get("WEBHOOK_TIMEOUT")
    try:
        addresses = targets.resolve(endpoint.url)
        body = delivery.body.encode()
        headers = {
            "Content-Type": "application/json",
            **signing.headers(
                endpoint.secret, delivery.message_id, int(time.time()), body
            ),
        }
        status_code = outbound.post(
            endpoint.url, body, headers, timeout=timeout, addresses=addresses
        )
    except ValidationError as refused:
        return None, _("Not sent: %s") % " ".join(refused.messages), False
    except TimeoutError:
        return None, _("No answer within %s s (WEBHOOK_TIMEOUT).") % timeout, False
    except (OSError, http.client.HTTPException) as error:
        return None, f"{type(error).__name__}: {error}"[:ERROR_LENGTH], False
    if 200 <= status_code < 300:
        return status_code, "", False
    if 300 <= status_code < 400:
        return status_code, _("A redirect: webhooks never follow them."), False
    return status_code, _("The receiver answered %s.") % status_code, False


def record(
    delivery: WebhookDelivery,
    attempt: int,
    at,
    duration_ms: int,
    status_code: int | None,
    error: str,
    *,
    final: bool = False,
) -> None:
    """Log the attempt; retry after the next delay, or give up."""
    delays = conf.get("WEBHOOK_RETRY_DELAYS")
    retry_in = None
    if not error:
        status = DeliveryStatus.SUCCEEDED
    elif not final and attempt <= len(delays):
        status, retry_in = DeliveryStatus.RETRYING, delays[attempt - 1]
    else:
        status = DeliveryStatus.FAILED
    next_at = at + timedelta(seconds=retry_in) if retry_in is not None else None
    with write_transaction():
        if not WebhookDelivery.objects.filter(pk=delivery.pk).exists():
            return  # its endpoint was deleted meanwhile: nothing to log
        WebhookAttempt.objects.create(
            delivery_id=delivery.pk,
            number=attempt,
            at=at,
            duration_ms=duration_ms,
            status_code=status_code,
            error=error[:ERROR_LENGTH],
        )
        WebhookDelivery.objects.filter(pk=delivery.pk, attempts=attempt).update(
            status=status, next_attempt_at=next_at
        )
    if error:
        logger.info(
            "Webhook %s to %s, attempt %s: %s",
            delivery.message_id,
            delivery.endpoint.url,
            attempt,
            error,
        )
    if retry_in is not None:
        background.enqueue(deliver, delivery.pk, attempt + 1, delay=retry_in)


def retry_now(delivery: WebhookDelivery) -> bool:
    """Send a delivery that failed, waits for a retry or is stuck again now;
    False when it is none of those any more (it was sent meanwhile)."""
    now = timezone.now()
    with write_transaction():
        reopened = (
            WebhookDelivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts)
            .filter(
                Q(status__in=(DeliveryStatus.FAILED, DeliveryStatus.RETRYING))
                | Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            )
            .update(status=DeliveryStatus.PENDING, next_attempt_at=overdue_at(now))
        )
    if reopened:
        background.enqueue(deliver, delivery.pk, delivery.attempts + 1)
    return bool(reopened)
