"""LiveBlogPollMiddleware: up-to-date polls of public blogs answered
without routing, everything else left to the page route and its privacy
checks."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import numbered_updates, post, publish
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version

MIDDLEWARE = "wagtail_liveblog.middleware.LiveBlogPollMiddleware"


@pytest.fixture(autouse=True)
def with_middleware(settings):
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(3))


def poll(client, page, since, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{page.url}poll/?since={since}", **headers)
    routed = any("wagtailcore_site" in q["sql"] for q in queries.captured_queries)
    return response, routed


def test_second_up_to_date_poll_skips_routing_with_the_same_answer(live_blog, client):
    version = current_version(live_blog.pk)
    first, routed_first = poll(client, live_blog, version)
    second, routed_second = poll(client, live_blog, version)
    assert routed_first and not routed_second
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert first["ETag"] == second["ETag"]
    assert first["Cache-Control"] == second["Cache-Control"]
    assert second.json() == {
        "meta": {
            "version": version,
            "status": "live",
            "poll_interval": 10,
            "reset": False,
        },
        "items": [],
        "deleted": [],
    }
    revalidated, routed = poll(
        client, live_blog, version, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert revalidated.status_code == 304 and not routed


def test_a_poll_with_changes_goes_to_the_page_route(live_blog, client):
    before = current_version(live_blog.pk)
    poll(client, live_blog, before)
    new_id = post(live_blog, "Dam holds")
    response, routed = poll(client, live_blog, before)
    assert routed
    assert new_id in [item["id"] for item in response.json()["items"]]


def test_an_unpublished_update_is_not_hidden_by_the_fast_path(live_blog, client):
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    assert not poll(client, live_blog, version)[1]
    target = LiveBlogUpdate.objects.filter(blog_id=live_blog.pk).first()
    target.unpublish()
    response, routed = poll(client, live_blog, version)
    assert routed
    assert response.json()["deleted"] == [str(target.pk)]


def test_an_alias_polls_its_sources_version(live_blog, client):
    alias = live_blog.create_alias(update_slug="storm-copy")
    version = current_version(live_blog.pk)
    first, _ = poll(client, alias, version)
    assert first.json()["meta"]["version"] == version
    assert not poll(client, alias, version)[1]
    new_id = post(live_blog, "Posted to the source")
    response, routed = poll(client, alias, version)
    assert routed
    assert [item["id"] for item in response.json()["items"]] == [new_id]


def test_a_new_view_restriction_closes_the_fast_path(live_blog, client):
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    assert not poll(client, live_blog, version)[1]
    PageViewRestriction.objects.create(
        page=live_blog, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response, routed = poll(client, live_blog, version)
    assert routed
    assert response.status_code != 200 or "version" not in response.content.decode()


def test_a_private_blog_never_gets_a_gate(live_blog, client, django_user_model):
    PageViewRestriction.objects.create(
        page=live_blog, restriction_type=PageViewRestriction.LOGIN
    )
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    version = current_version(live_blog.pk)
    for _ in range(2):
        response, routed = poll(client, live_blog, version)
        assert routed and response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_unpublishing_closes_the_fast_path(live_blog, client):
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    live_blog.unpublish()
    response, routed = poll(client, live_blog, version)
    assert routed and response.status_code == 404


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("since=abc", 400),
        ("since=", 400),
        ("since=1&since=1", 200),
        ("since=1&x=2", 200),
    ],
)
def test_odd_queries_go_to_the_page_route(live_blog, client, query, status):
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{live_blog.url}poll/?{query}")
    assert any("wagtailcore_site" in q["sql"] for q in queries.captured_queries)
    assert response.status_code == status


def test_ending_coverage_is_seen_through_the_fast_path(live_blog, client):
    live_blog.coverage_end = timezone.now() + timedelta(seconds=1)
    live_blog.save_revision().publish()
    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        response, routed = poll(client, live_blog, version)
    assert not routed
    assert response.json()["meta"]["status"] == "ended"


# -- issue 11, item 6: privacy changes and logins -----------------------------


def fast_answered(client, page, since) -> bool:
    response, routed = poll(client, page, since)
    return not routed and response.status_code == 200


def test_a_poll_in_flight_cannot_leave_a_gate_for_a_blog_turned_private(
    live_blog, client, monkeypatch
):
    """The page route found the blog public; before it left its gate, the
    blog was restricted. The gate must not answer the next polls."""
    from wagtail_liveblog.reader import fastpoll

    remember = fastpoll.remember

    def restricted_meanwhile(request, page):
        PageViewRestriction.objects.create(
            page=live_blog, restriction_type=PageViewRestriction.LOGIN
        )
        remember(request, page)

    monkeypatch.setattr(fastpoll, "remember", restricted_meanwhile)
    version = current_version(live_blog.pk)
    in_flight, _ = poll(client, live_blog, version)
    assert in_flight.status_code == 200  # served while the blog was public
    monkeypatch.setattr(fastpoll, "remember", remember)
    response, routed = poll(client, live_blog, version)
    assert routed
    assert response.status_code == 302  # to the login page
    assert "public" not in response.get("Cache-Control", "")


def test_a_gate_written_before_the_privacy_change_commits_is_dropped(
    live_blog, rf, django_capture_on_commit_callbacks
):
    """The generation is bumped when the restriction is saved and again when
    its transaction commits: a poll that read the generation in between, and
    checked privacy before the commit, leaves a gate nobody reads."""
    from django.db import transaction

    from wagtail_liveblog.reader import fastpoll

    url = f"{live_blog.url}poll/?since={current_version(live_blog.pk)}"
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            PageViewRestriction.objects.create(
                page=live_blog, restriction_type=PageViewRestriction.LOGIN
            )
            in_flight = rf.get(url)
            fastpoll.answer(in_flight)  # reads the generation, finds no gate
            fastpoll.remember(in_flight, live_blog)  # found public before commit
            assert fastpoll.answer(rf.get(url)) is not None  # the gate exists
    assert fastpoll.answer(rf.get(url)) is None


def test_a_privacy_change_drops_every_gate_at_once(home, client):
    from tests.factories import LiveBlogPageFactory

    blogs = [
        publish(LiveBlogPageFactory(parent=home), numbered_updates(1)) for _ in range(3)
    ]
    versions = [current_version(blog.pk) for blog in blogs]
    for blog, version in zip(blogs, versions, strict=True):
        poll(client, blog, version)
        assert fast_answered(client, blog, version)
    PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.LOGIN
    )
    for blog, version in zip(blogs, versions, strict=True):
        response, routed = poll(client, blog, version)
        assert routed and response.status_code == 302


def test_logged_in_polls_are_private_and_leave_no_gate(
    live_blog, client, django_user_model
):
    version = current_version(live_blog.pk)
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    for _ in range(2):
        response, routed = poll(client, live_blog, version)
        assert routed and response.status_code == 200
        assert directives(response) == {"private", "no-store"}
    client.logout()
    response, routed = poll(client, live_blog, version)
    assert routed  # no gate was left by the logged-in polls
    assert directives(response) == {"public", "max-age=5"}
    assert fast_answered(client, live_blog, version)
    # A session cookie (or an Authorization header) always takes the page
    # route, which answers privately.
    client.force_login(django_user_model.objects.get(username="reader"))
    response, routed = poll(client, live_blog, version)
    assert routed and directives(response) == {"private", "no-store"}
    client.logout()
    response, routed = poll(client, live_blog, version, HTTP_AUTHORIZATION="Bearer abc")
    assert routed and directives(response) == {"private", "no-store"}


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def login_required_site(settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    settings.LOGIN_URL = "/login/"


def test_login_required_middleware_keeps_the_fast_path_shut(
    live_blog, client, django_user_model, login_required_site
):
    version = current_version(live_blog.pk)
    anonymous, _ = poll(client, live_blog, version)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/login/")
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    for _ in range(2):  # a logged-in reader's polls leave no gate…
        response, routed = poll(client, live_blog, version)
        assert routed and response.status_code == 200
        assert directives(response) == {"private", "no-store"}
    client.logout()
    response, _ = poll(client, live_blog, version)  # …for anyone else
    assert response.status_code == 302


def test_a_gate_left_before_login_was_required_answers_no_one(
    live_blog, client, settings
):
    from django.test import Client

    version = current_version(live_blog.pk)
    poll(client, live_blog, version)
    assert fast_answered(client, live_blog, version)
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    settings.LOGIN_URL = "/login/"
    response, _ = poll(Client(), live_blog, version)  # the new middleware
    assert response.status_code == 302
