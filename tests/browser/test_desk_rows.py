"""Row actions in Chromium: Publish a draft and Approve an update in
moderation from its row, in place (no page load, the half-written post in
the composer kept), on a wide screen and on a phone."""

from __future__ import annotations

import pytest

from tests.browser.constants import LAPTOP, PHONE
from tests.browser.desk_support import REFRESH_MS, make_user
from tests.factories import numbered_updates, post, publish
from wagtail_liveblog.models import LiveBlogUpdate

# Behaviour, on the laptop and on the phone (tests/browser/conftest.py).
SIZES = [LAPTOP, PHONE]


def row_action(tab, headline: str, label: str) -> None:
    row = tab.page.locator("#listing-results tr", has_text=headline)
    row.locator("[data-liveblog-row-actions] button").first.click()
    item = tab.page.locator("[data-liveblog-row-action]:visible", has_text=label)
    box = item.bounding_box()
    width = tab.page.viewport_size["width"]
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    item.click()


def wait_for_status(tab, headline: str, status: str) -> None:
    tab.page.wait_for_function(
        """([headline, status]) => [...document.querySelectorAll('#listing-results tr')]
            .some(r => r.textContent.includes(headline)
                 && r.querySelector('.liveblog-desk__status-cell').textContent
                      .trim().toLowerCase().startsWith(status))""",
        arg=[headline, status],
        timeout=REFRESH_MS,
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_publish_a_draft_from_its_row(blog, reporter, desk_tabs, width, height):
    blog = publish(blog, numbered_updates(2))
    post(blog, "Curfew lifted at six", publish=False)
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    if width < 800:
        tab.page.get_by_role("button", name="Write an update").click()
    tab.fill("composer-headline", "Half-written")
    url = tab.page.url

    row_action(tab, "Curfew lifted at six", "Publish")
    wait_for_status(tab, "Curfew lifted at six", "live")
    notice = tab.page.locator("[data-liveblog-notice]")
    notice.filter(has_text="is published").wait_for()
    assert tab.page.url == url
    assert tab.page.locator('[name="composer-headline"]').input_value() == (
        "Half-written"
    )
    assert LiveBlogUpdate.objects.get(headline="Curfew lifted at six").live
    assert tab.errors == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_reviewer_approves_from_the_row(blog, reporter, desk_tabs, width, height):
    blog = publish(blog, numbered_updates(2))
    writer = make_user("wendy", "Editors", "Wendy", "Ng")
    update = LiveBlogUpdate.objects.get(
        pk=post(blog, "Hospital reopens", publish=False)
    )
    update.get_workflow().start(update, writer)
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    wait_for_status(tab, "Hospital reopens", "draft")

    row_action(tab, "Hospital reopens", "Approve")
    wait_for_status(tab, "Hospital reopens", "live")
    update.refresh_from_db()
    assert update.live and not update.workflow_in_progress
    assert tab.errors == []
