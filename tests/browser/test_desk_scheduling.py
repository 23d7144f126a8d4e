"""Scheduling from the composer in Chromium, and the overdue warning.

- "Publish at…" opens a time field with its Schedule button in view; the
  scheduled update shows its time apart from the live stream;
- a scheduled update more than two minutes late makes the desk say that
  scheduled publishing is not running, with the way to the docs.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Revision

from tests.browser.constants import LAPTOP, PHONE
from tests.factories import numbered_updates, post, publish
from wagtail_liveblog.models import LiveBlogUpdate

# Behaviour, on the laptop and on the phone (tests/browser/conftest.py).
SIZES = [LAPTOP, PHONE]


def inside(tab, locator) -> bool:
    box = locator.bounding_box()
    size = tab.page.viewport_size
    return bool(
        box
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_schedule_from_the_composer(blog, reporter, desk_tabs, width, height):
    blog = publish(blog, numbered_updates(3))
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    if width < 800:
        tab.page.get_by_role("button", name="Write an update").click()
    tab.fill("composer-headline", "Polls close")
    tab.type_in_text_block(0, "Counting starts at ten.")
    tab.page.get_by_text("Publish at…").click()
    when = timezone.localtime(timezone.now() + timedelta(hours=2))
    field = tab.page.get_by_label("Publish at")
    field.fill(when.strftime("%Y-%m-%dT%H:%M"))
    field.focus()
    schedule = tab.page.get_by_role("button", name="Schedule", exact=True)
    schedule.scroll_into_view_if_needed()
    assert inside(tab, field) and inside(tab, schedule)
    schedule.click()
    tab.page.wait_for_selector(".messages .success")
    assert "scheduled for" in tab.page.locator(".messages").inner_text()

    update = LiveBlogUpdate.objects.get(headline="Polls close")
    assert not update.live and update.scheduled_revision is not None
    pending = tab.page.locator("[data-liveblog-pending]")
    row = pending.locator("tr", has_text="Polls close")
    assert "scheduled for" in row.inner_text().lower()
    # Not on top of the stream: the live rows are in their own table.
    stream_first = tab.page.locator(
        "#listing-results table:not(.liveblog-desk__pending-table) tbody tr"
    ).first
    assert "Update 3" in stream_first.inner_text()
    assert tab.errors == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_desk_warns_when_schedules_do_not_fire(
    blog, reporter, desk_tabs, width, height
):
    blog = publish(blog, numbered_updates(1))
    update_id = post(
        blog, "Embargoed", go_live_at=timezone.now() + timedelta(minutes=30)
    )
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    assert tab.page.locator("[data-liveblog-overdue]").count() == 0

    # Its time passed five minutes ago and nothing published it.
    Revision.objects.filter(object_id=str(update_id)).update(
        approved_go_live_at=timezone.now() - timedelta(minutes=5)
    )
    tab.open_desk(blog)
    warning = tab.page.locator("[data-liveblog-overdue]")
    assert "Scheduled publishing is not running" in warning.inner_text()
    assert inside(tab, warning)
    link = warning.get_by_role("link")
    assert link.get_attribute("href").endswith(
        "docs/deployment.md#scheduled-publishing"
    )
    assert tab.errors == []
