"""posted_at / updated_at stamping at publish, update ids, and the blog status."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    BASE_TIME,
    LiveBlogPageFactory,
    numbered_updates,
    publish,
    raw_updates,
    text,
    update,
)
from wagtail_liveblog.models import LiveBlogPage
from wagtail_liveblog.rendering import parse_time

pytestmark = pytest.mark.django_db


def by_id(page) -> dict[str, dict]:
    return {item["id"]: item["value"] for item in raw_updates(page)}


def republish_latest(page, mutate=None):
    """Build a draft from the latest revision (as the editor does), change it,
    and publish it."""
    draft = page.get_latest_revision_as_object()
    items = list(draft.updates.raw_data)
    if mutate is not None:
        mutate(items)
    return publish(draft, items)


def set_value(update_id: str, **changes):
    def mutate(items):
        for item in items:
            if item["id"] == update_id:
                item["value"].update(changes)

    return mutate


# -- posted_at ------------------------------------------------------------


def test_posted_at_filled_at_first_publish(blog):
    first = update("Evacuation ordered")
    before = timezone.now()
    page = publish(blog, [first])
    after = timezone.now()

    posted = parse_time(by_id(page)[first["id"]]["posted_at"])
    assert posted is not None
    assert before <= posted <= after
    assert by_id(page)[first["id"]]["updated_at"] is None


def test_posted_at_kept_on_later_publishes(blog):
    first = update("Evacuation ordered")
    page = publish(blog, [first])
    stamped = by_id(page)[first["id"]]["posted_at"]

    page = republish_latest(page, lambda items: items.insert(0, update("Second")))
    page = republish_latest(page)

    assert by_id(page)[first["id"]]["posted_at"] == stamped


def test_explicit_posted_at_is_kept(blog):
    first = update("Backdated", posted_at=BASE_TIME)
    page = publish(blog, [first])
    assert parse_time(by_id(page)[first["id"]]["posted_at"]) == BASE_TIME


def test_draft_save_does_not_stamp(blog):
    first = update("Not yet public")
    blog.updates = [first]
    blog.save_revision()

    draft = blog.get_latest_revision_as_object()
    value = draft.updates.raw_data[0]["value"]
    assert value["posted_at"] is None
    assert value["updated_at"] is None


# -- updated_at -----------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"headline": "Evacuation ordered for two districts"},
        {"author": "Ana Reyes"},
        {"body": [text("<p>Corrected: the river is at 5.2 metres.</p>")]},
    ],
    ids=["headline", "author", "body"],
)
def test_updated_at_set_when_content_changes(blog, changes):
    first = update("Evacuation ordered", posted_at=BASE_TIME)
    page = publish(blog, [first])
    assert by_id(page)[first["id"]]["updated_at"] is None

    before = timezone.now()
    page = republish_latest(page, set_value(first["id"], **changes))

    stamped = parse_time(by_id(page)[first["id"]]["updated_at"])
    assert stamped is not None and stamped >= before
    assert parse_time(by_id(page)[first["id"]]["posted_at"]) == BASE_TIME


@pytest.mark.parametrize(
    "changes",
    [
        {"pinned": True},
        {"key_event": True},
        {"posted_at": (BASE_TIME - timedelta(hours=1)).isoformat()},
    ],
    ids=["pinned", "key_event", "posted_at"],
)
def test_updated_at_not_set_for_flags_or_time(blog, changes):
    first = update("Evacuation ordered", posted_at=BASE_TIME)
    page = publish(blog, [first])

    page = republish_latest(page, set_value(first["id"], **changes))

    assert by_id(page)[first["id"]]["updated_at"] is None


def test_editing_one_update_leaves_siblings_untouched(blog):
    items = numbered_updates(3)
    page = publish(blog, items)
    edited, untouched = items[0]["id"], items[1]["id"]

    page = republish_latest(page, set_value(edited, headline="Update 3, corrected"))
    first_edit = by_id(page)[edited]["updated_at"]
    assert first_edit is not None
    assert by_id(page)[untouched]["updated_at"] is None

    # A later edit of a sibling does not move the first update's stamp.
    page = republish_latest(page, set_value(untouched, headline="Update 2, corrected"))
    assert by_id(page)[edited]["updated_at"] == first_edit
    assert by_id(page)[untouched]["updated_at"] is not None


def test_stamps_are_stored_in_the_published_revision(blog):
    first = update("Evacuation ordered")
    page = publish(blog, [first])

    live_value = page.live_revision.content["updates"]
    stored = live_value if isinstance(live_value, list) else json.loads(live_value)
    assert stored[0]["value"]["posted_at"]

    # A draft built from the latest revision (what the editor opens) has them.
    draft = page.get_latest_revision_as_object()
    assert (
        draft.updates.raw_data[0]["value"]["posted_at"]
        == by_id(page)[first["id"]]["posted_at"]
    )

    # ... and an edit published from that draft still has them.
    page = republish_latest(page, set_value(first["id"], headline="Evacuation widened"))
    value = by_id(page)[first["id"]]
    assert value["posted_at"] == draft.updates.raw_data[0]["value"]["posted_at"]
    assert value["updated_at"]


# -- ids ------------------------------------------------------------------


def test_missing_ids_are_assigned_and_stable(blog):
    items = [update("No id yet"), update("Neither")]
    for item in items:
        del item["id"]
    page = publish(blog, items)

    ids = [item["id"] for item in raw_updates(page)]
    assert len(ids) == 2 and all(ids)
    assert all(uuid.UUID(i) for i in ids)

    page = republish_latest(page)
    page = republish_latest(page, set_value(ids[0], headline="Now edited"))
    assert [item["id"] for item in raw_updates(page)] == ids


def test_stream_child_id_is_the_update_id_on_the_page(blog, client):
    first = update("Evacuation ordered")
    page = publish(blog, [first])
    html = client.get(page.url).content.decode()
    assert f'<article id="update-{first["id"]}"' in html
    anchors = re.findall(r'<article id="update-([0-9a-f-]+)"', html)
    assert anchors == [first["id"]]


# -- status ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "status"),
    [
        (None, None, "live"),
        (timedelta(hours=-1), None, "live"),
        (timedelta(hours=2), None, "upcoming"),
        (timedelta(hours=-3), timedelta(hours=1), "live"),
        (timedelta(hours=-3), timedelta(minutes=-1), "ended"),
        (None, timedelta(minutes=-1), "ended"),
    ],
)
def test_status_from_coverage_times(start, end, status):
    now = timezone.now()
    page = LiveBlogPage(
        title="Storm",
        coverage_start=now + start if start is not None else None,
        coverage_end=now + end if end is not None else None,
    )
    assert page.status == status
    assert page.is_live is (status == "live")
    assert page.has_ended is (status == "ended")


@pytest.mark.parametrize(
    ("start", "end", "badge", "absent"),
    [
        (timedelta(hours=-1), None, "Live", ("Ended", "Upcoming")),
        (timedelta(hours=-3), timedelta(minutes=-5), "Ended", ("Upcoming",)),
        (timedelta(hours=2), None, "Upcoming", ("Ended",)),
    ],
)
def test_status_badge_on_the_page(home, client, start, end, badge, absent):
    now = timezone.now()
    page = LiveBlogPageFactory(
        parent=home,
        coverage_start=now + start,
        coverage_end=now + end if end is not None else None,
    )
    page = publish(page, numbered_updates(1))
    html = client.get(page.url).content.decode()
    found = re.search(r'class="liveblog-badge liveblog-badge--(\w+)">([^<]+)<', html)
    assert found is not None
    assert found.group(2).strip() == badge
    for word in absent:
        assert f">{word}<" not in html


def test_scheduled_publish_stamps_when_it_goes_live(blog):
    """A revision scheduled for later is stamped when it is published, not
    when it is scheduled."""
    from io import StringIO
    from unittest import mock

    from django.core.management import call_command

    live = publish(blog, [update("Before the storm", posted_at=BASE_TIME)])
    go_live = timezone.now() + timedelta(hours=2)
    later = update("Storm makes landfall")
    draft = live.get_latest_revision_as_object()
    draft.updates = [later, *draft.updates.raw_data]
    draft.go_live_at = go_live
    revision = draft.save_revision()
    revision.publish()

    revision.refresh_from_db()
    assert revision.approved_go_live_at == go_live
    scheduled = {i["id"]: i["value"] for i in revision.as_object().updates.raw_data}
    assert scheduled[later["id"]]["posted_at"] is None

    at_go_live = go_live + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=at_go_live):
        call_command("publish_scheduled", stdout=StringIO())
    page = type(live).objects.get(pk=live.pk)
    assert page.live_revision_id == revision.pk
    assert parse_time(by_id(page)[later["id"]]["posted_at"]) == at_go_live
