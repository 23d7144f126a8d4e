"""Scheduling from the desk's composer, drafts and scheduled updates apart
from the live stream, and the warning when nothing publishes schedules."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.desk_support import client_for, composer, newest, para
from tests.factories import post
from wagtail_liveblog.admin.columns import short_time
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db


def desk_url(blog, **query) -> str:
    url = reverse("wagtail_liveblog:desk", args=[blog.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def in_an_hour() -> str:
    when = timezone.localtime(timezone.now() + timedelta(hours=1))
    return when.strftime("%Y-%m-%dT%H:%M")


def schedule(client, blog, headline: str, when: str):
    data = composer(headline, [para("Embargoed until noon")], action="schedule")
    data["composer-go_live_at"] = when
    return client.post(desk_url(blog), data)


# -- scheduling from the composer ------------------------------------------------


def test_publish_at_schedules_the_update_and_publish_scheduled_fires_it(
    live_blog, client, publisher
):
    client_for(client, publisher)
    html = client.get(desk_url(live_blog)).content.decode()
    assert 'type="datetime-local"' in html and "Publish at…" in html
    when = in_an_hour()
    response = schedule(client, live_blog, "Results at noon", when)
    assert response.status_code == 302
    update = newest(live_blog)
    assert update.headline == "Results at noon" and not update.live
    revision = update.scheduled_revision
    assert revision is not None
    go_live = timezone.localtime(revision.approved_go_live_at)
    assert go_live.strftime("%Y-%m-%dT%H:%M") == when
    assert "Results at noon" not in client.get(live_blog.url).content.decode()

    # The row shows its time, in the part of the desk that is not live.
    response = client.get(desk_url(live_blog))
    assert [row.headline for row in response.context["object_list"]] == [
        "Update 3",
        "Update 2",
        "Update 1",
    ]
    pending = list(response.context["pending_table"].data)
    assert [row.headline for row in pending] == ["Results at noon"]
    html = response.content.decode()
    assert f"scheduled for {short_time(go_live)}" in html

    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        call_command("publish_scheduled")
    update.refresh_from_db()
    assert update.live
    assert "Results at noon" in client.get(live_blog.url).content.decode()


@pytest.mark.parametrize(
    ("when", "error"),
    [("", "Choose when to publish"), ("2001-01-01T10:00", "in the future")],
)
def test_a_schedule_needs_a_future_time(live_blog, client, publisher, when, error):
    client_for(client, publisher)
    response = schedule(client, live_blog, "Too early", when)
    assert response.status_code == 200
    assert error in response.content.decode()
    # The typed update comes back, "Publish at…" open on the error.
    assert 'value="Too early"' in response.content.decode()
    assert '<details class="liveblog-composer__schedule" open>' in (
        response.content.decode()
    )
    assert not LiveBlogUpdate.objects.filter(headline="Too early").exists()


def test_a_contributor_cannot_schedule(live_blog, client, contributor):
    client_for(client, contributor)
    assert "Publish at…" not in client.get(desk_url(live_blog)).content.decode()
    response = schedule(client, live_blog, "Sneaky", in_an_hour())
    assert response.status_code == 200
    assert not LiveBlogUpdate.objects.filter(headline="Sneaky").exists()


# -- drafts apart from the stream -----------------------------------------------------


def test_drafts_sit_apart_from_the_stream(live_blog, client, publisher):
    post(live_blog, "A draft", publish=False)
    client_for(client, publisher)
    response = client.get(desk_url(live_blog))
    assert [row.headline for row in response.context["object_list"]] == [
        "Update 3",
        "Update 2",
        "Update 1",
    ]
    assert [row.headline for row in response.context["pending_table"].data] == [
        "A draft"
    ]
    html = response.content.decode()
    assert html.index("A draft") < html.index("Update 3")
    assert "Not live yet: 1 draft or scheduled update" in html
    # The results view (filters, the live refresh) shows the same.
    results = client.get(reverse("wagtail_liveblog:desk_results", args=[live_blog.pk]))
    assert [row.headline for row in results.context["pending_table"].data] == [
        "A draft"
    ]
    # Filtering by status lists them in the one listing.
    response = client.get(desk_url(live_blog, status="draft"))
    assert [row.headline for row in response.context["object_list"]] == ["A draft"]
    assert "pending_table" not in response.context


# -- when nothing publishes schedules ------------------------------------------------


def test_the_desk_warns_when_a_schedule_is_more_than_two_minutes_late(
    live_blog, client, publisher
):
    client_for(client, publisher)
    schedule(client, live_blog, "Late one", in_an_hour())
    assert "Scheduled publishing is not running" not in (
        client.get(desk_url(live_blog)).content.decode()
    )
    later = timezone.now() + timedelta(hours=1, minutes=1)
    with time_machine.travel(later):
        html = client.get(desk_url(live_blog)).content.decode()
    assert "Scheduled publishing is not running" not in html  # a minute late
    with time_machine.travel(later + timedelta(minutes=2)):
        html = client.get(desk_url(live_blog)).content.decode()
    assert "Scheduled publishing is not running" in html
    assert "docs/deployment.md#scheduled-publishing" in html
    # Once publish_scheduled runs, the warning goes.
    with time_machine.travel(later + timedelta(minutes=2)):
        call_command("publish_scheduled")
        html = client.get(desk_url(live_blog)).content.decode()
    assert "Scheduled publishing is not running" not in html
