"""Webhooks and WebSub for real: Django's default task backend
(``ImmediateBackend``), so deliveries run in the in-process executor, after
commit, while the writer goes on; a real receiver on 127.0.0.1. Changes are
sent here by hand; ``test_webhooks_end_to_end.py`` makes them through the
editing API."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from wagtail.models import Site

from tests.factories import LiveBlogPageFactory, publish
from tests.webhooks_support import changed, make_endpoint, verified
from wagtail_liveblog.models.timeline import current_version
from wagtail_liveblog.signals import BLOG_STATUS
from wagtail_liveblog.webhooks.models import WebhookAttempt, WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live_blog(background_idle, settings):
    settings.WAGTAIL_LIVEBLOG = {
        "WEBHOOK_ALLOW_PRIVATE_TARGETS": True,
        "WEBHOOK_RETRY_DELAYS": [0.05],
        "WEBHOOK_TIMEOUT": 5,
    }
    home = Site.objects.get(is_default_site=True).root_page
    return publish(LiveBlogPageFactory(parent=home))


def test_a_failing_receiver_is_retried_in_the_background(
    live_blog, receiver, background_idle
):
    receiver.statuses = [500, 200]
    endpoint = make_endpoint(receiver.url)
    changed(live_blog, current_version(live_blog.pk), (BLOG_STATUS, None))

    assert background_idle.join(timeout=10)
    row = WebhookDelivery.objects.get()
    assert (row.status, row.attempts) == ("succeeded", 2)
    assert list(
        WebhookAttempt.objects.filter(delivery=row).values_list(
            "number", "status_code", "error"
        )
    ) == [(1, 500, "The receiver answered 500."), (2, 200, "")]
    first, second = (verified(endpoint, r) for r in receiver.requests)
    assert first == second


def test_the_hub_gets_one_ping_per_change(
    live_blog, receiver, background_idle, settings
):
    settings.WAGTAIL_LIVEBLOG = {"WEBSUB_HUB": receiver.url}
    for _ in range(3):
        changed(live_blog, current_version(live_blog.pk), (BLOG_STATUS, None))
    assert background_idle.join(timeout=10)
    assert len(receiver.requests) == 3
    assert {parse_qs(r.body.decode())["hub.url"][0] for r in receiver.requests} == {
        f"{live_blog.get_full_url()}feed/"
    }
