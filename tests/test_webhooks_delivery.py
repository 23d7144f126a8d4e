"""Webhook deliveries: one per endpoint and event of a public, live blog,
signed as Standard Webhooks says (each verified here with the official
``standardwebhooks`` package by a real receiver on 127.0.0.1), retried with
back-off, every attempt logged.

The task backend queues (``queued_tasks``) and each test runs the queue in
its own thread and transaction; ``test_webhooks_live.py`` runs them for real
in the background."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from wagtail.models import PageViewRestriction

from tests.factories import LiveBlogPageFactory, editor, post, publish
from tests.push_support import Receiver, run_queued
from tests.webhooks_support import changed, fake_dns, make_endpoint, verified
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.signals import (
    BLOG_CHANGED,
    BLOG_KEY_POINTS,
    BLOG_STATUS,
    UPDATE_CHANGED,
    UPDATE_PUBLISHED,
    UPDATE_REMOVED,
)
from wagtail_liveblog.webhooks import delivery
from wagtail_liveblog.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpointBlog,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
DELAYS = [10, 60]


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.WAGTAIL_LIVEBLOG = {
        "WEBHOOK_ALLOW_PRIVATE_TARGETS": True,  # the receiver is on 127.0.0.1
        "WEBHOOK_RETRY_DELAYS": DELAYS,
        "WEBHOOK_TIMEOUT": 2,
    }


@pytest.fixture
def live_blog(blog):
    return publish(blog)


@pytest.fixture
def endpoint(receiver):
    return make_endpoint(receiver.url, description="Newsletter")


def deliver_change(queued_tasks, blog, version, *events):
    """Send the change and run what it queued (the announcement, then each
    delivery's attempts, retries included)."""
    changed(blog, version, *events)
    return run_queued(queued_tasks)


def attempts(delivery_row) -> list[tuple]:
    return list(
        WebhookAttempt.objects.filter(delivery=delivery_row).values_list(
            "number", "status_code", "error"
        )
    )


def blog_json(blog) -> dict:
    return {"id": blog.pk, "title": blog.title, "url": blog.get_full_url()}


# -- what is sent ---------------------------------------------------------------


def test_each_event_carries_the_state_its_change_left(
    live_blog, endpoint, receiver, queued_tasks, django_capture_on_commit_callbacks
):
    """Deliveries run later, in the background: an edit made before the
    first event goes out does not change what that event says."""
    user = editor()
    with django_capture_on_commit_callbacks(execute=True):
        update_id = editing.post_update(live_blog, user=user, headline="Bridge closed")
    with django_capture_on_commit_callbacks(execute=True):
        editing.edit_update(live_blog, update_id, user=user, headline="Bridge reopened")
    run_queued(queued_tasks)  # only now do the deliveries run
    payloads = [verified(endpoint, request) for request in receiver.requests]
    by_type = {payload["type"]: payload["data"] for payload in payloads}
    assert sorted(by_type) == ["update.changed", "update.published"]
    assert by_type["update.published"]["update"]["headline"] == "Bridge closed"
    assert by_type["update.changed"]["update"]["headline"] == "Bridge reopened"
    assert by_type["update.published"]["version"] < by_type["update.changed"]["version"]


def test_an_update_published_arrives_signed_with_the_apis_shape(
    live_blog, endpoint, receiver, queued_tasks, client
):
    update_id = post(live_blog, "Levee breached", key_event=True)
    queued_tasks.results.clear()
    with time_machine.travel(NOW, tick=False):
        deliver_change(queued_tasks, live_blog, 7, (UPDATE_PUBLISHED, update_id))

    [request] = receiver.requests
    assert request.path == "/hook"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["webhook-id"].startswith("msg_")
    assert request.headers["webhook-timestamp"] == str(int(NOW.timestamp()))
    with time_machine.travel(NOW, tick=False):
        payload = verified(endpoint, request)
    api = client.get(f"/api/v2/liveblogs/{live_blog.pk}/updates/{update_id}/").json()
    assert payload == {
        "type": "update.published",
        "timestamp": "2026-03-14T09:00:00Z",
        "data": {"blog": blog_json(live_blog), "version": 7, "update": api},
    }
    assert api["headline"] == "Levee breached"
    assert api["url"] == (
        f"{live_blog.get_full_url()}?update={update_id}#update-{update_id}"
    )


def test_each_event_type_has_its_data(live_blog, endpoint, receiver, queued_tasks):
    update_id = post(live_blog, "First")
    editing.edit_update(live_blog, update_id, user=editor(), headline="Changed")
    editing.update_key_points(
        live_blog, user=editor(), summary="<ul><li>Roads closed</li></ul>"
    )
    editing.end_coverage(live_blog, user=editor())
    live_blog.refresh_from_db()
    queued_tasks.results.clear()

    deliver_change(
        queued_tasks,
        live_blog,
        9,
        (UPDATE_CHANGED, update_id),
        (UPDATE_REMOVED, "5b0f5bd8-1f6b-4a51-8f7c-6d7a1d0a9e01"),
        (BLOG_STATUS, None),
        (BLOG_KEY_POINTS, None),
        (BLOG_CHANGED, None),  # not a webhook event
    )

    payloads = [verified(endpoint, request) for request in receiver.requests]
    assert [p["type"] for p in payloads] == [
        "update.changed",
        "update.removed",
        "blog.status",
        "blog.key_points",
    ]
    changed_, removed, status, key_points = (p["data"] for p in payloads)
    assert changed_["update"]["headline"] == "Changed"
    assert changed_["update"]["updated_at"] is not None
    assert removed == {
        "blog": blog_json(live_blog),
        "version": 9,
        "update": {"id": "5b0f5bd8-1f6b-4a51-8f7c-6d7a1d0a9e01"},
    }
    assert status == {
        "blog": blog_json(live_blog),
        "version": 9,
        "status": "ended",
        "coverage_start": None,
        "coverage_end": live_blog.coverage_end.astimezone(UTC)
        .isoformat()
        .replace("+00:00", "Z"),
    }
    assert key_points == {
        "blog": blog_json(live_blog),
        "version": 9,
        "key_points": "<ul><li>Roads closed</li></ul>",
    }
    # One message id per event, each delivery logged as succeeded.
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 4
    assert list(
        WebhookDelivery.objects.order_by("pk").values_list("event_type", "status")
    ) == [
        ("update.changed", "succeeded"),
        ("update.removed", "succeeded"),
        ("blog.status", "succeeded"),
        ("blog.key_points", "succeeded"),
    ]


def test_an_update_gone_before_the_announcement_is_not_sent_as_published(
    live_blog, endpoint, receiver, queued_tasks
):
    update_id = post(live_blog, "Soon gone")
    editing.remove_update(live_blog, update_id, user=editor())
    queued_tasks.results.clear()
    deliver_change(queued_tasks, live_blog, 3, (UPDATE_PUBLISHED, update_id))
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


# -- who gets what ---------------------------------------------------------------


def test_endpoints_get_only_their_events_and_blogs(
    live_blog, home, receiver, queued_tasks
):
    other_blog = publish(LiveBlogPageFactory(parent=home))
    other = Receiver()
    disabled = Receiver()
    try:
        everything = make_endpoint(receiver.url, events=["blog.key_points"])
        chosen = make_endpoint(other.url, all_blogs=False)
        WebhookEndpointBlog.objects.create(endpoint=chosen, blog=other_blog)
        make_endpoint(disabled.url, enabled=False)
        queued_tasks.results.clear()

        deliver_change(queued_tasks, live_blog, 2, (BLOG_STATUS, None))
        deliver_change(queued_tasks, live_blog, 3, (BLOG_KEY_POINTS, None))
        deliver_change(queued_tasks, other_blog, 4, (BLOG_STATUS, None))

        assert [verified(everything, r)["type"] for r in receiver.requests] == [
            "blog.key_points"
        ]
        assert [
            (p["type"], p["data"]["blog"]["id"])
            for p in (verified(chosen, r) for r in other.requests)
        ] == [("blog.status", other_blog.pk)]
        assert disabled.requests == []
    finally:
        other.close()
        disabled.close()


def test_private_and_unpublished_blogs_send_nothing(
    live_blog, home, endpoint, receiver, queued_tasks
):
    PageViewRestriction.objects.create(
        page=live_blog, restriction_type=PageViewRestriction.LOGIN
    )
    draft = LiveBlogPageFactory(parent=home, live=False)
    queued_tasks.results.clear()

    deliver_change(queued_tasks, live_blog, 2, (BLOG_STATUS, None))
    deliver_change(queued_tasks, draft, 1, (BLOG_STATUS, None))

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_private_parent_keeps_its_blogs_quiet(home, endpoint, receiver, queued_tasks):
    section = home.add_child(instance=LiveBlogPageFactory.build(title="Section"))
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    child = publish(LiveBlogPageFactory(parent=section))
    queued_tasks.results.clear()
    deliver_change(queued_tasks, child, 2, (BLOG_STATUS, None))
    assert receiver.requests == []


def test_without_endpoints_nothing_is_queued(live_blog, queued_tasks):
    queued_tasks.results.clear()
    changed(live_blog, 2, (BLOG_STATUS, None))
    assert queued_tasks.results == []


# -- retries and the log ------------------------------------------------------------


def test_a_failing_receiver_is_retried_and_the_log_shows_both_attempts(
    live_blog, endpoint, receiver, queued_tasks
):
    receiver.statuses = [500, 200]
    queued_tasks.results.clear()
    with time_machine.travel(NOW, tick=False) as clock:
        changed(live_blog, 2, (BLOG_STATUS, None))
        run_queued(queued_tasks, limit=2)  # the announcement and attempt 1
        row = WebhookDelivery.objects.get()
        assert (row.status, row.attempts) == ("retrying", 1)
        assert row.next_attempt_at == NOW + timedelta(seconds=DELAYS[0])
        [retry] = queued_tasks.results
        assert retry.task.run_after == NOW + timedelta(seconds=DELAYS[0])
        assert retry.args == [row.pk, 2]

        clock.shift(timedelta(seconds=DELAYS[0]))
        run_queued(queued_tasks)
        first, second = receiver.requests
        # The same message, signed again when it is sent again.
        assert first.headers["webhook-id"] == second.headers["webhook-id"]
        assert second.headers["webhook-timestamp"] == str(int(NOW.timestamp()) + 10)
        assert verified(endpoint, first) == verified(endpoint, second)

    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == ("succeeded", 2, None)
    assert attempts(row) == [
        (1, 500, "The receiver answered 500."),
        (2, 200, ""),
    ]
    logged = list(WebhookAttempt.objects.filter(delivery=row).order_by("number"))
    assert [a.at for a in logged] == [NOW, NOW + timedelta(seconds=10)]
    assert all(a.duration_ms >= 0 for a in logged)


def test_after_the_last_delay_the_delivery_has_failed(
    live_blog, endpoint, receiver, queued_tasks
):
    receiver.statuses = [503]
    queued_tasks.results.clear()
    deliver_change(queued_tasks, live_blog, 2, (BLOG_STATUS, None))
    row = WebhookDelivery.objects.get()
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 3, None)
    assert attempts(row) == [
        (1, 503, "The receiver answered 503."),
        (2, 503, "The receiver answered 503."),
        (3, 503, "The receiver answered 503."),
    ]
    assert len(receiver.requests) == 1 + len(DELAYS)


def test_retry_now_sends_a_failed_delivery_again(
    live_blog, endpoint, receiver, queued_tasks, settings
):
    settings.WAGTAIL_LIVEBLOG = {
        **settings.WAGTAIL_LIVEBLOG,
        "WEBHOOK_RETRY_DELAYS": [],
    }
    receiver.statuses = [500, 204]
    queued_tasks.results.clear()
    deliver_change(queued_tasks, live_blog, 2, (BLOG_STATUS, None))
    row = WebhookDelivery.objects.get()
    assert row.status == "failed"

    assert delivery.retry_now(row) is True
    run_queued(queued_tasks)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("succeeded", 2)
    assert attempts(row) == [(1, 500, "The receiver answered 500."), (2, 204, "")]
    assert delivery.retry_now(row) is False  # nothing to retry any more


def test_an_attempt_run_twice_sends_once(live_blog, endpoint, receiver, queued_tasks):
    queued_tasks.results.clear()
    changed(live_blog, 2, (BLOG_STATUS, None))
    run_queued(queued_tasks, limit=1)  # the announcement
    [attempt] = queued_tasks.results
    attempt.task.call(*attempt.args)
    attempt.task.call(*attempt.args)  # a worker that ran it twice
    assert len(receiver.requests) == 1
    assert WebhookAttempt.objects.count() == 1


def test_a_regenerated_secret_signs_the_retry(
    live_blog, endpoint, receiver, queued_tasks
):
    from standardwebhooks import Webhook
    from standardwebhooks.webhooks import WebhookVerificationError

    receiver.statuses = [500, 200]
    queued_tasks.results.clear()
    changed(live_blog, 2, (BLOG_STATUS, None))
    run_queued(queued_tasks, limit=2)
    old_secret = endpoint.secret
    endpoint.regenerate_secret()
    run_queued(queued_tasks)
    retried = receiver.requests[1]
    assert verified(endpoint, retried)["type"] == "blog.status"
    with pytest.raises(WebhookVerificationError):
        Webhook(old_secret).verify(retried.body, retried.headers)


def test_a_disabled_endpoint_gets_nothing_more(
    live_blog, endpoint, receiver, queued_tasks
):
    queued_tasks.results.clear()
    changed(live_blog, 2, (BLOG_STATUS, None))
    run_queued(queued_tasks, limit=1)  # recorded, not yet attempted
    endpoint.enabled = False
    endpoint.save()
    run_queued(queued_tasks)
    row = WebhookDelivery.objects.get()
    assert receiver.requests == []
    assert row.status == "failed"
    assert attempts(row) == [(1, None, "Not sent: the endpoint is disabled.")]


def test_old_deliveries_leave_the_log(live_blog, endpoint, receiver, queued_tasks):
    queued_tasks.results.clear()
    with time_machine.travel(NOW - timedelta(days=31), tick=False):
        deliver_change(queued_tasks, live_blog, 2, (BLOG_STATUS, None))
    with time_machine.travel(NOW - timedelta(days=29), tick=False):
        deliver_change(queued_tasks, live_blog, 3, (BLOG_STATUS, None))
    assert WebhookDelivery.objects.count() == 2
    with time_machine.travel(NOW, tick=False):
        deliver_change(queued_tasks, live_blog, 4, (BLOG_KEY_POINTS, None))
    assert sorted(WebhookDelivery.objects.values_list("event_type", "created_at")) == [
        ("blog.key_points", NOW),
        ("blog.status", NOW - timedelta(days=29)),
    ]
    assert WebhookAttempt.objects.count() == 2


# -- where deliveries go --------------------------------------------------------------


def test_redirects_are_not_followed(live_blog, receiver, queued_tasks, settings):
    settings.WAGTAIL_LIVEBLOG = {
        **settings.WAGTAIL_LIVEBLOG,
        "WEBHOOK_RETRY_DELAYS": [],
    }
    elsewhere = Receiver()
    try:
        receiver.statuses = [307]
        receiver.extra_headers = {"Location": elsewhere.url}
        make_endpoint(receiver.url)
        queued_tasks.results.clear()
        deliver_change(queued_tasks, live_blog, 2, (BLOG_STATUS, None))
        assert elsewhere.requests == []
        assert attempts(WebhookDelivery.objects.get()) == [
            (1, 307, "A redirect: webhooks never follow them.")
        ]
    finally:
        elsewhere.close()


def test_a_receiver_that_does_not_answer_in_time(
    live_blog, endpoint, receiver, queued_tasks, settings
):
    import threading

    settings.WAGTAIL_LIVEBLOG = {**settings.WAGTAIL_LIVEBLOG, "WEBHOOK_TIMEOUT": 0.2}
    receiver.gate = threading.Event()  # never set until the test ends
    queued_tasks.results.clear()
    changed(live_blog, 2, (BLOG_STATUS, None))
    run_queued(queued_tasks, limit=2)
    row = WebhookDelivery.objects.get()
    assert attempts(row) == [(1, None, "No answer within 0.2 s (WEBHOOK_TIMEOUT).")]
    assert row.status == "retrying"


def test_a_host_that_turned_private_is_refused_at_delivery(
    live_blog, receiver, queued_tasks, settings, monkeypatch
):
    """DNS rebinding: public when saved, loopback when delivered."""
    settings.WAGTAIL_LIVEBLOG = {"WEBHOOK_RETRY_DELAYS": []}
    fake_dns(monkeypatch, {"hooks.example.com": ["93.184.216.34"]})
    endpoint = make_endpoint("https://hooks.example.com/liveblog")
    endpoint.full_clean()  # as the admin form does: accepted

    fake_dns(monkeypatch, {"hooks.example.com": ["127.0.0.1"]})
    queued_tasks.results.clear()
    deliver_change(queued_tasks, live_blog, 2, (BLOG_STATUS, None))
    assert attempts(WebhookDelivery.objects.get()) == [
        (
            1,
            None,
            "Not sent: Webhooks only go to addresses on the public internet: "
            "hooks.example.com is a private, local or reserved address (127.0.0.1).",
        )
    ]
    assert receiver.requests == []


def test_the_delivery_goes_to_the_address_it_vetted(
    live_blog, receiver, queued_tasks, monkeypatch
):
    port = receiver.server.server_address[1]
    fake_dns(monkeypatch, {"hooks.example.test": ["127.0.0.1"]})
    endpoint = make_endpoint(f"http://hooks.example.test:{port}/hook?list=7")
    queued_tasks.results.clear()
    deliver_change(queued_tasks, live_blog, 2, (BLOG_STATUS, None))
    [request] = receiver.requests
    assert request.headers["host"] == f"hooks.example.test:{port}"
    assert request.path == "/hook?list=7"
    assert verified(endpoint, request)["type"] == "blog.status"


def test_an_update_removed_is_sent_after_its_row_is_gone(
    live_blog, endpoint, receiver, queued_tasks
):
    update_id = post(live_blog, "Wrong town")
    LiveBlogUpdate.objects.filter(pk=update_id).delete()
    queued_tasks.results.clear()
    deliver_change(queued_tasks, live_blog, 5, (UPDATE_REMOVED, update_id))
    [request] = receiver.requests
    assert verified(endpoint, request)["data"]["update"] == {"id": str(update_id)}


def test_an_endpoint_deleted_during_an_attempt_leaves_nothing_behind(
    live_blog, endpoint, receiver, queued_tasks
):
    queued_tasks.results.clear()
    changed(live_blog, 2, (BLOG_STATUS, None))
    run_queued(queued_tasks, limit=1)
    row = WebhookDelivery.objects.get()
    claimed = delivery.claim(row.pk, 1)  # as the queued attempt does
    queued_tasks.results.clear()
    endpoint.delete()  # while the request is on its way
    delivery.record(
        claimed, 1, claimed.created_at, 5, 500, "The receiver answered 500."
    )
    assert not WebhookAttempt.objects.exists()
    assert ours_queued(queued_tasks) == []  # no retry of a delivery that is gone


def ours_queued(backend) -> list:
    return [
        r for r in backend.results if r.task.module_path.startswith("wagtail_liveblog.")
    ]


def test_a_delivery_lost_on_its_way_can_be_retried_once_overdue(
    live_blog, endpoint, receiver, queued_tasks
):
    queued_tasks.results.clear()
    with time_machine.travel(NOW, tick=False) as clock:
        changed(live_blog, 2, (BLOG_STATUS, None))
        run_queued(queued_tasks, limit=1)  # recorded, its attempt queued...
        queued_tasks.results.clear()  # ...and lost with the process
        row = WebhookDelivery.objects.get()
        assert (row.status, row.may_retry) == ("pending", False)
        assert delivery.retry_now(row) is False  # it may still be on its way

        clock.shift(timedelta(seconds=3 * 2 + 60))  # 3 x WEBHOOK_TIMEOUT + 1 min
        row.refresh_from_db()
        assert row.may_retry
        assert delivery.retry_now(row) is True
        run_queued(queued_tasks)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("succeeded", 1)
    assert len(receiver.requests) == 1
