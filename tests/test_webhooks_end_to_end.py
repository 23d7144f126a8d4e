"""From the editing API to the receivers, nothing sent by hand: posts,
edits, removals, key points and the end of coverage through
``wagtail_liveblog.editing``, which sends ``liveblog_changed`` after each
commit; Django's default task backend, so the deliveries and hub pings run
in the in-process executor; a real receiver and a real hub on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from urllib.parse import parse_qs

import pytest
from wagtail.models import PageViewRestriction, Site

from tests.factories import LiveBlogPageFactory, editor, publish
from tests.push_support import Receiver
from tests.webhooks_support import make_endpoint, verified
from wagtail_liveblog import editing
from wagtail_liveblog.signals import liveblog_changed
from wagtail_liveblog.webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def changes():
    """Every ``liveblog_changed`` sent during the test: (blog, version, types)."""
    seen = []

    def record(sender, *, blog_id, version, events, **kwargs):
        seen.append((blog_id, version, [event.type for event in events]))

    liveblog_changed.connect(record, dispatch_uid="test_end_to_end")
    yield seen
    liveblog_changed.disconnect(dispatch_uid="test_end_to_end")


@pytest.fixture
def hub():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def live_blog(background_idle, settings, changes, hub):
    settings.WAGTAIL_LIVEBLOG = {
        "WEBHOOK_ALLOW_PRIVATE_TARGETS": True,
        "WEBHOOK_RETRY_DELAYS": [0.05],
        "WEBSUB_HUB": hub.url,
    }
    home = Site.objects.get(is_default_site=True).root_page
    blog = publish(LiveBlogPageFactory(parent=home))
    probe = editing.post_update(blog, user=editor(), headline="Probe")
    assert changes  # the models send liveblog_changed after each commit
    editing.remove_update(blog, probe, user=editor())
    assert background_idle.join(timeout=10)
    changes.clear()
    hub.requests.clear()
    return blog


def test_every_change_reaches_the_receiver_and_the_hub(
    live_blog, receiver, hub, changes, background_idle
):
    endpoint = make_endpoint(receiver.url)
    user = editor()
    update_id = editing.post_update(live_blog, user=user, headline="Bridge closed")
    editing.edit_update(live_blog, update_id, user=user, headline="Bridge reopened")
    editing.update_key_points(live_blog, user=user, summary="<ul><li>Bridge</li></ul>")
    editing.end_coverage(live_blog, user=user)
    editing.remove_update(live_blog, update_id, user=user)
    assert background_idle.join(timeout=20)

    payloads = sorted(
        (verified(endpoint, r) for r in receiver.requests),
        key=lambda p: p["data"]["version"],
    )
    assert [p["type"] for p in payloads] == [
        "update.published",
        "update.changed",
        "blog.key_points",
        "blog.status",
        "update.removed",
    ]
    published, edited, key_points, status, removed = (p["data"] for p in payloads)
    assert published["update"]["headline"] == "Bridge closed"
    assert edited["update"]["headline"] == "Bridge reopened"
    assert key_points["key_points"] == "<ul><li>Bridge</li></ul>"
    assert status["status"] == "ended"
    assert removed["update"] == {"id": str(update_id)}
    assert WebhookDelivery.objects.filter(status="succeeded").count() == 5

    # WebSub: exactly one ping per change, each naming the feed.
    assert len(hub.requests) == len(changes) >= 5
    assert {parse_qs(r.body.decode())["hub.url"][0] for r in hub.requests} == {
        f"{live_blog.get_full_url()}feed/"
    }


def test_posting_does_not_wait_for_a_slow_receiver(
    live_blog, receiver, background_idle
):
    receiver.gate = threading.Event()  # holds every answer until set
    make_endpoint(receiver.url)
    started = time.monotonic()
    editing.post_update(live_blog, user=editor(), headline="Dam holds")
    posting = time.monotonic() - started
    assert receiver.arrived.wait(5)
    assert posting < 1.0  # the receiver has not answered yet
    receiver.gate.set()
    assert background_idle.join(timeout=10)
    assert WebhookDelivery.objects.get().status == "succeeded"


def test_a_private_blog_sends_nothing(live_blog, receiver, hub, background_idle):
    make_endpoint(receiver.url)
    PageViewRestriction.objects.create(
        page=live_blog, restriction_type=PageViewRestriction.LOGIN
    )
    assert background_idle.join(timeout=10)
    hub.requests.clear()
    editing.post_update(live_blog, user=editor(), headline="Members only")
    assert background_idle.join(timeout=10)
    assert receiver.requests == []
    assert hub.requests == []
    assert not WebhookDelivery.objects.exists()
