"""The desk's layout in Chromium, at the sizes reporters use it.

- at 1280x800 and 1920x1080 the composer and the stream sit side by side:
  the first row of the listing is on the first screen beside the composer,
  Publish is on it too, and the composer stays put while the stream scrolls;
- at 390x844 the composer is one "Write an update" button that opens it,
  with no keyboard hint;
- a colleague's new update is highlighted and counted, not slipped in.

Screenshots for the docs (docs/images/desk-side-by-side.png,
desk-phone.png) are written when LIVEBLOG_SCREENSHOTS=1.
"""

from __future__ import annotations

import pytest

from tests.browser.constants import LAPTOP, PHONE, WIDE
from tests.browser.demo import publish_demo
from tests.browser.desk_support import REFRESH_MS, docs_screenshot
from tests.factories import numbered_updates, post, publish, text

SIDE_BY_SIDE = [LAPTOP, WIDE]


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None
    return found


@pytest.mark.parametrize(("width", "height"), SIDE_BY_SIDE)
def test_wide_screens_show_the_stream_beside_the_composer(
    blog, reporter, desk_tabs, width, height
):
    blog, _ = publish_demo(blog)
    blog = publish(blog, numbered_updates(30))
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    composer = box(tab.page.locator(".liveblog-composer"))
    first_row = box(tab.page.locator("#listing-results tbody tr").first)
    publish_button = box(tab.page.locator("[data-liveblog-primary]"))

    assert first_row["y"] + first_row["height"] <= height
    assert first_row["x"] >= composer["x"] + composer["width"] - 1
    assert publish_button["y"] + publish_button["height"] <= height
    if width == 1280:
        tab.fill("composer-headline", "Second levee under pressure")
        tab.type_in_text_block(0, "Engineers are reinforcing the Westport levee")
        tab.page.evaluate("window.scrollTo(0, 0)")
        docs_screenshot(tab.page, "desk-side-by-side.png")

    # Scrolling down the stream keeps the composer on screen.
    tab.page.locator("#listing-results tbody tr").nth(18).scroll_into_view_if_needed()
    headline = box(tab.page.locator('[name="composer-headline"]'))
    publish_button = box(tab.page.locator("[data-liveblog-primary]"))
    assert 0 <= headline["y"] < height / 2
    assert publish_button["y"] + publish_button["height"] <= height
    assert tab.errors == []


def test_a_phone_opens_the_composer_from_one_line(blog, reporter, desk_tabs):
    blog, _ = publish_demo(blog)
    post(blog, "Power cut in the north of the city", publish=False)
    tab = desk_tabs(reporter, width=390, height=844)
    tab.open_desk(blog)
    opener = tab.page.get_by_role("button", name="Write an update")
    assert opener.is_visible()
    assert opener.get_attribute("aria-expanded") == "false"
    assert not tab.page.locator('[name="composer-headline"]').is_visible()
    opener_box = box(opener)
    assert opener_box["height"] <= 60
    # The stream starts on the first screen.
    first_row = box(tab.page.locator("#listing-results tbody tr").first)
    assert first_row["y"] < 844
    docs_screenshot(tab.page, "desk-phone.png")

    opener.click()
    headline = tab.page.locator('[name="composer-headline"]')
    assert headline.is_visible()
    assert tab.page.evaluate("document.activeElement.name") == "composer-headline"
    assert not tab.page.locator(".liveblog-composer__hint").is_visible()
    # No control a thumb cannot hit (WCAG's 24 px minimum).
    tiny = tab.page.evaluate(
        """[...document.querySelectorAll(
            '.liveblog-composer button, .liveblog-composer input, .liveblog-composer summary')]
          .filter(el => el.offsetParent && el.type !== 'hidden')
          .map(el => [el.getAttribute('aria-label') || el.name || el.textContent.trim(),
                      el.getBoundingClientRect()])
          .filter(([, r]) => r.width < 24 || r.height < 24)
          .map(([name]) => name)"""
    )
    assert tiny == []
    assert tab.page.evaluate("document.documentElement.scrollWidth <= 390")
    headline.fill("Posted from a phone")
    tab.type_in_text_block(0, "Typed with thumbs.")
    tab.page.locator("[data-liveblog-primary]").click()
    tab.page.wait_for_selector(".messages .success")
    assert "Posted from a phone" in tab.rows()
    assert tab.errors == []


@pytest.mark.parametrize(("width", "height"), [LAPTOP, PHONE])
def test_colleagues_new_updates_are_highlighted_and_counted(
    blog, reporter, desk_tabs, width, height
):
    blog = publish(blog, numbered_updates(3))
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    count = tab.page.locator("[data-liveblog-new-count]")
    assert not count.is_visible()

    post(blog, "From the field", [text("<p>Sirens in the east.</p>")])
    post(blog, "From the airport", [text("<p>Flights cancelled.</p>")])
    tab.page.wait_for_function(
        "document.querySelectorAll('#listing-results tr[data-liveblog-new]').length == 2",
        timeout=REFRESH_MS * 2,
    )
    new_rows = tab.page.locator("#listing-results tr[data-liveblog-new]")
    assert sorted(new_rows.all_inner_texts())[0].startswith("From the airport")
    assert count.inner_text() == "2"
    tab.page.wait_for_function(
        "document.querySelector('[data-liveblog-notice]').textContent.includes('2 new')"
    )
    # The old rows are not marked.
    old = tab.page.locator("#listing-results tr", has_text="Update 1")
    assert old.get_attribute("data-liveblog-new") is None
    # Looking at the stream acknowledges them.
    tab.page.locator("#listing-results tbody tr").first.click(position={"x": 5, "y": 5})
    assert not count.is_visible()
    assert new_rows.count() == 0
    assert tab.errors == []
