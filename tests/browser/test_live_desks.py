"""Live desks in Chromium: from the admin's sidebar to a blog's desk in two
clicks, at desktop and phone sizes."""

from __future__ import annotations

import pytest

from tests.browser.constants import LAPTOP, PHONE
from tests.factories import numbered_updates, publish

# Behaviour, on the laptop and on the phone (tests/browser/conftest.py).
SIZES = [LAPTOP, PHONE]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_live_desks_lead_to_each_desk(blog, reporter, desk_tabs, width, height):
    blog = publish(blog, numbered_updates(1))
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open("/admin/")
    if width < 800:
        tab.page.get_by_role("button", name="Toggle sidebar").click()
    tab.page.get_by_role("link", name="Live desks").click()
    tab.page.wait_for_url("**/admin/liveblog/desks/")
    row = tab.page.locator("tbody tr", has_text=blog.title)
    assert "Live" in row.inner_text()
    row.get_by_role("link", name=blog.title).click()
    tab.page.wait_for_url(f"**/admin/liveblog/{blog.pk}/desk/")
    assert tab.page.locator("[data-liveblog-composer]").count() == 1
    assert tab.errors == []
