"""The live desk in headless Chromium, as reporters and editors use it.

- a reporter composes text, image, text, quote, image from the desk, in
  that order, publishes, and the page shows them in that order with both
  credits; an edit in Wagtail's editor replaces the image;
- a contributor without publish permission submits a draft for moderation
  and an editor approves it;
- what 0.1's desk got wrong: typed text survives colleagues' posts arriving
  and row actions (pin in place); leaving the desk with a half-written post
  asks first; every row action is reachable on a 390 px phone;
- Ctrl+Enter posts; End coverage asks first.

Screenshots for the docs (docs/images/desk*.png) are written when
LIVEBLOG_SCREENSHOTS=1, as ``test_screenshots.py`` does.
"""

from __future__ import annotations

import pytest

from tests.browser.demo import publish_demo
from tests.browser.desk_support import REFRESH_MS, docs_screenshot
from tests.factories import make_image, numbered_updates, post, publish, text
from wagtail_liveblog.models import LiveBlogPage, LiveBlogUpdate

# -- the must-show story -----------------------------------------------------------


def test_reporter_composes_publishes_and_edits_the_image(
    blog, reporter, desk_tabs, client
):
    blog, _ = publish_demo(blog)
    levee = make_image("Levee at noon", colour=(40, 90, 160))
    shelter = make_image("Stadium shelter", colour=(160, 90, 40))
    drone = make_image("Drone view of the valley", colour=(40, 140, 60))
    tab = desk_tabs(reporter, height=1400)
    tab.open_desk(blog)

    tab.fill("composer-headline", "Levee breached at Eastport")
    tab.type_in_text_block(0, "Water is pouring through a gap in the levee.")
    tab.add_block("Image")
    tab.choose_image(1, "Levee at noon")
    tab.fill("composer-body-1-value-credit", "Reuters")
    tab.fill("composer-body-1-value-caption", "The breach at noon")
    tab.add_block("Text")
    tab.type_in_text_block(2, "Residents of the river districts are leaving.")
    tab.add_block("Quote")
    tab.fill("composer-body-3-value-text", "Leave now, do not wait for the water.")
    tab.fill("composer-body-3-value-attribution", "Mayor Ana Reyes")
    tab.add_block("Image")
    tab.choose_image(4, "Stadium shelter")
    tab.fill("composer-body-4-value-credit", "AP Photo/Jo Smith")
    tab.page.locator('[name="composer-key_event"]').check()

    tab.page.locator("[data-liveblog-primary]").click()
    tab.page.wait_for_selector(".messages .success")
    assert "Levee breached at Eastport" in tab.page.locator(".messages").inner_text()
    assert tab.rows()[0] == "Levee breached at Eastport"
    # The composer is empty again, ready for the next one.
    assert tab.page.locator('[name="composer-headline"]').input_value() == ""
    tab.fill("composer-headline", "Second levee under pressure")
    tab.type_in_text_block(0, "Engineers are reinforcing the Westport levee with")
    tab.page.evaluate("window.scrollTo(0, 0)")
    docs_screenshot(tab.page, "desk.png")

    update = LiveBlogUpdate.objects.get(headline="Levee breached at Eastport")
    assert update.live and update.key_event and update.byline == "Ana Reyes"
    page = client.get(blog.url).content.decode()
    article = page[page.index(f'id="update-{update.pk}"') :]
    order = [
        "Water is pouring through a gap in the levee.",
        "Reuters",
        "Residents of the river districts are leaving.",
        "Leave now, do not wait for the water.",
        "AP Photo/Jo Smith",
    ]
    positions = [article.index(words) for words in order]
    assert positions == sorted(positions)

    # An edit in Wagtail's editor replaces the first image.
    tab.page.on("dialog", lambda dialog: dialog.accept())  # the half-written post
    tab.open(f"/admin/liveblog/edit/{update.pk}/")
    form = tab.page.locator("#w-editor-form")
    block = tab.blocks(form).nth(1)
    block.locator(".chosen button[aria-label='Actions']").first.click()
    tab.page.locator(
        "button[data-chooser-action-choose]:visible", has_text="Change image"
    ).first.click()
    tab.page.locator(".modal").locator("a", has_text="Drone view").first.click()
    tab.page.wait_for_selector(".modal", state="hidden")
    tab.page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    publish_button = tab.page.locator("footer button[name='action-publish']")
    publish_button.wait_for()
    tab.page.wait_for_timeout(400)  # the menu's fade-in
    docs_screenshot(tab.page, "desk-edit.png")
    publish_button.click()
    tab.page.wait_for_url(f"**/admin/liveblog/{blog.pk}/desk/")
    update.refresh_from_db()
    images = [i["value"]["id"] for i in update.data["body"] if i["type"] == "image"]
    assert images == [drone.pk, shelter.pk]
    rendition = update.data["body"][1]["value"]["renditions"][0]["url"]
    assert rendition in client.get(blog.url).content.decode()
    assert levee.pk not in images
    assert tab.errors == []


def test_contributor_submits_for_moderation_and_an_editor_approves(
    blog, contributor, chief, desk_tabs
):
    blog = publish(blog, numbered_updates(2))
    tab = desk_tabs(contributor)
    tab.open_desk(blog)
    primary = tab.page.locator("[data-liveblog-primary]")
    assert primary.inner_text().strip() == "Submit for moderation"
    assert tab.page.locator("text=End coverage").count() == 0
    tab.fill("composer-headline", "Roads reopen in the north")
    tab.type_in_text_block(0, "Police say the A40 is open again.")
    primary.click()
    tab.page.wait_for_selector(".messages .success")
    update = LiveBlogUpdate.objects.get(headline="Roads reopen in the north")
    assert not update.live and update.workflow_in_progress
    row = tab.page.locator("#listing-results tbody tr", has_text="Roads reopen")
    assert "in moderation" in row.inner_text().lower()

    editor_tab = desk_tabs(chief)
    editor_tab.open(f"/admin/liveblog/edit/{update.pk}/")
    editor_tab.page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    editor_tab.page.locator("footer button", has_text="Approve and Publish").click()
    editor_tab.page.wait_for_url(f"**/admin/liveblog/{blog.pk}/desk/")
    update.refresh_from_db()
    assert update.live and not update.workflow_in_progress
    assert tab.errors == [] and editor_tab.errors == []


# -- what 0.1's desk got wrong --------------------------------------------------------


def test_typed_text_survives_colleagues_posts_and_row_actions(
    blog, reporter, desk_tabs
):
    blog = publish(blog, numbered_updates(3))
    tab = desk_tabs(reporter)
    tab.open_desk(blog)
    tab.fill("composer-headline", "Half-written headline")
    tab.type_in_text_block(0, "Half a sentence about the")

    # A colleague posts: it appears in the listing; the composer is untouched.
    post(blog, "A colleague's update", [text("<p>From the field.</p>")])
    tab.page.wait_for_function(
        "document.querySelector('#listing-results').textContent.includes(\"A colleague's update\")",
        timeout=REFRESH_MS,
    )
    assert tab.page.locator('[name="composer-headline"]').input_value() == (
        "Half-written headline"
    )
    assert (
        "Half a sentence about the"
        in tab.composer.locator(".DraftEditor-root").inner_text()
    )

    # Pin a row from its menu: done in place, no navigation.
    url = tab.page.url
    row = tab.page.locator("#listing-results tbody tr", has_text="Update 2")
    row.locator("[data-liveblog-row-actions] button").first.click()
    tab.page.locator("[data-liveblog-toggle='pin']:visible").click()
    tab.page.wait_for_function(
        """() => [...document.querySelectorAll('#listing-results tbody tr')]
            .some(r => r.textContent.includes('Update 2') && r.querySelector('[data-liveblog-flag="pinned"]'))""",
        timeout=REFRESH_MS,
    )
    assert tab.page.url == url
    assert LiveBlogUpdate.objects.get(headline="Update 2").pinned
    assert tab.page.locator('[name="composer-headline"]').input_value() == (
        "Half-written headline"
    )
    assert (
        "Half a sentence about the"
        in tab.composer.locator(".DraftEditor-root").inner_text()
    )

    # Leaving with a half-written post asks first (Wagtail's w-unsaved).
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    tab.page.on("dialog", on_dialog)
    tab.page.locator("a", has_text="Edit page").first.click()
    tab.page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert tab.page.url == url
    assert tab.errors == []


def test_ctrl_enter_posts_everything_typed(blog, reporter, desk_tabs):
    blog = publish(blog)
    tab = desk_tabs(reporter)
    tab.open_desk(blog)
    tab.fill("composer-headline", "Quick one")
    tab.type_in_text_block(0, "Typed right up to the last word")
    tab.page.keyboard.press("Control+Enter")
    tab.page.wait_for_selector(".messages .success")
    update = LiveBlogUpdate.objects.get(headline="Quick one")
    assert update.live
    assert "Typed right up to the last word" in update.html


def test_phone_layout_every_row_action_in_reach(blog, reporter, desk_tabs):
    blog, _ = publish_demo(blog)
    post(blog, "Power cut in the north of the city", publish=False)
    tab = desk_tabs(reporter, width=390, height=844)
    tab.open_desk(blog)
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    listing = tab.page.locator("#listing-results")
    listing.scroll_into_view_if_needed()
    for row in listing.locator("tbody tr").all():
        toggle = row.locator("[data-liveblog-row-actions] button").first
        box = toggle.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    row = listing.locator("tbody tr", has_text="Millbrook bridge closed")
    row.locator("[data-liveblog-row-actions] button").first.click()
    menu = tab.page.locator(
        "[data-liveblog-row-actions] [role='menu']:visible, .w-dropdown__content:visible"
    ).first
    menu.wait_for()
    labels = [
        "Edit",
        "Pin",
        "Mark as key event",
        "View live",
        "History",
        "Unpublish",
        "Delete",
    ]
    for label in labels:
        item = menu.get_by_text(label, exact=True)
        box = item.bounding_box()
        assert box is not None, label
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, label
    docs_screenshot(tab.page, "desk-phone-menu.png")
    # Key event from the phone: in place too.
    menu.get_by_text("Mark as key event", exact=True).click()
    tab.page.wait_for_function(
        """() => [...document.querySelectorAll('#listing-results tbody tr')]
            .some(r => r.textContent.includes('Millbrook bridge closed') && r.querySelector('[data-liveblog-flag="key_event"]'))""",
        timeout=REFRESH_MS,
    )
    assert LiveBlogUpdate.objects.get(headline="Millbrook bridge closed").key_event
    assert tab.errors == []


def test_end_coverage_asks_first(blog, reporter, desk_tabs):
    blog = publish(blog)
    blog.refresh_from_db()
    start = blog.coverage_start
    tab = desk_tabs(reporter)
    tab.open_desk(blog)
    tab.page.locator("[data-liveblog-coverage='end']").click()
    dialog = tab.page.locator("#liveblog-end-coverage")
    dialog.wait_for(state="visible")
    dialog.get_by_text("No, keep it live").click()
    dialog.wait_for(state="hidden")
    blog.refresh_from_db()
    assert blog.coverage_end is None
    tab.page.locator("[data-liveblog-coverage='end']").click()
    dialog.get_by_role("button", name="Yes, end the coverage").click()
    tab.page.wait_for_selector(".liveblog-desk__badge--ended")
    blog.refresh_from_db()
    assert blog.status == "ended"
    assert blog.coverage_start == start
    assert tab.errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_key_points_edited_from_the_desk_reach_the_page(
    blog, reporter, desk_tabs, width
):
    blog = publish(blog)
    tab = desk_tabs(reporter, width=width, height=844)
    tab.open_desk(blog)
    tab.page.locator("[data-liveblog-key-points]").click()
    tab.page.wait_for_load_state("networkidle")
    editor = tab.page.locator(".DraftEditor-root [contenteditable='true']").first
    editor.click()
    tab.page.keyboard.type("Bridge closed at noon")
    tab.page.wait_for_function(
        "document.querySelector('input[name=summary]').value.includes('Bridge')"
    )
    if width == 390:
        assert tab.page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
    tab.page.get_by_role("button", name="Publish key points").click()
    tab.page.wait_for_selector(".liveblog-desk__badge")  # back on the desk
    assert "Bridge closed at noon" in LiveBlogPage.objects.get(pk=blog.pk).summary
    tab.open(blog.url)
    summary = tab.page.locator("[data-liveblog-summary-body]").inner_text()
    assert "Bridge closed at noon" in summary
    assert tab.errors == []
