"""The composer in Chromium: preview without saving, errors that scroll to
and focus their field, and axe on the desk in its new states."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.axe import violations
from tests.browser.constants import LAPTOP, PHONE
from tests.factories import make_image, numbered_updates, post, publish
from wagtail_liveblog.models import LiveBlogUpdate

# Behaviour, on the laptop and on the phone (tests/browser/conftest.py).
SIZES = [LAPTOP, PHONE]


def open_composer(tab) -> None:
    opener = tab.page.get_by_role("button", name="Write an update")
    if opener.is_visible():
        opener.click()


def serious(page) -> list[dict]:
    return [v for v in violations(page) if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_preview_shows_the_update_as_readers_will_see_it(
    blog, reporter, desk_tabs, width, height
):
    blog = publish(blog, numbered_updates(2))
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    open_composer(tab)
    tab.fill("composer-headline", "Dam holds")
    tab.type_in_text_block(0, "Engineers say the dam is holding.")
    with tab.context.expect_page() as opened:
        tab.page.get_by_role("button", name="Preview").click()
    preview = opened.value
    preview.wait_for_load_state()
    article = preview.locator("article", has_text="Dam holds").first
    assert "Engineers say the dam is holding." in article.inner_text()
    assert not LiveBlogUpdate.objects.filter(headline="Dam holds").exists()
    # The desk still holds the post, ready to publish.
    assert tab.page.locator('[name="composer-headline"]').input_value() == "Dam holds"
    tab.page.locator("[data-liveblog-primary]").click()
    tab.page.wait_for_selector(".messages .success")
    assert LiveBlogUpdate.objects.get(headline="Dam holds").live
    preview.close()
    assert tab.errors == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_an_error_scrolls_to_and_focuses_its_field(
    blog, reporter, desk_tabs, width, height
):
    blog = publish(blog, numbered_updates(2))
    make_image("Flooded square", colour=(30, 80, 160))
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    open_composer(tab)
    tab.fill("composer-headline", "Square under water")
    tab.type_in_text_block(0, "The main square is flooded.")
    tab.add_block("Image")
    tab.choose_image(1, "Flooded square")
    # No credit: the image cannot be published.
    tab.page.locator("[data-liveblog-primary]").click()
    tab.page.wait_for_selector(".messages .error")
    tab.page.wait_for_function(
        "document.activeElement && document.activeElement.name"
        " && document.activeElement.name.endsWith('-value-credit')"
    )
    # In view once the page has settled (pictures above it load).
    tab.page.wait_for_function(
        """() => {
            const r = document.activeElement.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight;
        }""",
        timeout=3000,
    )
    assert tab.page.evaluate("document.activeElement.name").endswith("-value-credit")
    # Everything typed is still there.
    assert tab.page.locator('[name="composer-headline"]').input_value() == (
        "Square under water"
    )
    assert tab.errors == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_axe_finds_nothing_serious_on_the_desk(
    blog, reporter, desk_tabs, width, height
):
    blog = publish(blog, numbered_updates(3))
    post(blog, "A draft", publish=False)
    post(blog, "Embargoed", go_live_at=timezone.now() + timedelta(hours=1))
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    tab.page.wait_for_selector(
        "[data-liveblog-composer] [contenteditable='true']", state="attached"
    )
    assert serious(tab.page) == []  # as it opens (on a phone: folded)
    open_composer(tab)
    editors = tab.page.locator("[data-liveblog-composer] [contenteditable='true']")
    assert editors.first.get_attribute("aria-label")
    tab.page.get_by_text("Publish at…").click()
    assert serious(tab.page) == []
    # The state after an error.
    tab.page.get_by_role("button", name="Schedule", exact=True).click()
    tab.page.wait_for_selector(".messages .error")
    tab.page.wait_for_timeout(1000)  # the message's slide-in
    assert serious(tab.page) == []
    assert tab.errors == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_several_authors_from_the_composer(
    blog, reporter, contributor, desk_tabs, width, height
):
    blog = publish(blog, numbered_updates(1))
    tab = desk_tabs(reporter, width=width, height=height)
    tab.open_desk(blog)
    open_composer(tab)
    summary = tab.page.locator(".liveblog-composer__authors summary")
    assert "Ana Reyes" in summary.inner_text()  # the poster, to start with
    tab.fill("composer-headline", "Two reporters, one wire")
    tab.type_in_text_block(0, "From both ends of the valley.")
    summary.click()
    tab.page.get_by_label("Cory Lind (cory)").check()
    tab.page.get_by_label("Other names").fill("AP")
    tab.page.locator("[data-liveblog-primary]").click()
    tab.page.wait_for_selector(".messages .success")
    update = LiveBlogUpdate.objects.get(headline="Two reporters, one wire")
    assert update.byline == "Ana Reyes, Cory Lind and AP"
    tab.open(blog.url)
    article = tab.page.locator("article", has_text="Two reporters, one wire").first
    assert "Ana Reyes, Cory Lind and AP" in article.inner_text()
    assert tab.errors == []
