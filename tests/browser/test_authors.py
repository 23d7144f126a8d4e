"""Several authors on the reader page and in the API, at 1280x800 and
390x844 (#18 item 8): a joint byline shows whole within the
update, arrives live like any post, and the API a page's script or a
headless front end reads names the same authors."""

from __future__ import annotations

import pytest

from tests.browser.axe import violations
from tests.browser.constants import ARRIVAL_MS, LAPTOP, PHONE
from tests.browser.reader_support import new_reader
from tests.factories import editor, numbered_updates, post, publish

# The reader's layout changes at 40rem and 60rem and not above: the phone
# and the laptop (tests/browser/constants.py).
SIZES = {"desktop": LAPTOP, "phone": PHONE}
BYLINE = "By Ana Reyes, Tom Ellery at Kestrel Point and Meridian Press Agency"


@pytest.fixture(params=list(SIZES))
def tab(request, browser, live_server):
    width, height = SIZES[request.param]
    context, opened = new_reader(
        browser, live_server, viewport={"width": width, "height": height}
    )
    opened.width = width
    yield opened
    context.close()


def test_a_joint_byline_on_the_page_live_and_in_the_api(blog, tab):
    blog = publish(blog, numbered_updates(3))
    ana = editor()
    ana.first_name, ana.last_name = "Ana", "Reyes"
    ana.save()
    tab.open(blog.url)
    page = tab.page

    update_id = post(
        blog,
        "Crew of the Morwenna safe",
        user=ana,
        authors=[ana, "Tom Ellery at Kestrel Point", {"name": "Meridian Press Agency"}],
    )
    article = page.locator(f"#update-{update_id}")
    article.wait_for(timeout=ARRIVAL_MS)  # arrived live
    byline = article.locator(".liveblog-update__author")
    assert byline.inner_text() == BYLINE
    # Whole within the update, wrapped rather than cut off, at every width.
    line, box = byline.bounding_box(), article.bounding_box()
    assert (
        line["x"] >= box["x"] and line["x"] + line["width"] <= box["x"] + box["width"]
    )
    assert line["x"] + line["width"] <= tab.width

    # After a reload too (the stored HTML), and in the API.
    tab.open(blog.url)
    assert page.locator(
        f"#update-{update_id} .liveblog-update__author"
    ).inner_text() == (BYLINE)
    served = page.evaluate(
        "url => fetch(url).then(answer => answer.json())",
        f"/api/v2/liveblogs/{blog.pk}/updates/{update_id}/",
    )
    assert served["author"] == BYLINE.removeprefix("By ")
    assert served["authors"] == [
        {"name": "Ana Reyes"},
        {"name": "Tom Ellery at Kestrel Point"},
        {"name": "Meridian Press Agency"},
    ]
    assert violations(page) == []
    assert tab.errors == []


def test_the_editor_credits_a_colleague_and_a_name(blog, browser, live_server):
    """Wagtail's editor, with the Authors panel: the poster first, a colleague
    chosen from the blog's writers, a name typed in; the byline follows."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.browser.desk_support import docs_screenshot
    from wagtail_liveblog.models import LiveBlogUpdate

    blog = publish(blog)
    ana = editor()
    ana.first_name, ana.last_name = "Ana", "Reyes"
    ana.save()
    get_user_model().objects.create_superuser(
        "tom", "tom@example.com", "pw", first_name="Tom", last_name="Ellery"
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    client = Client()
    client.force_login(ana)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/liveblog/add/?blog={blog.pk}")
    page.locator('[name="headline"]').fill("Crew of the Morwenna safe")
    first = page.locator('[name="authors-0-user"]')
    assert first.locator("option:checked").inner_text() == "Ana Reyes (test-editor)"
    add = page.get_by_role("button", name="Add author")
    add.click()
    page.locator('[name="authors-1-user"]').select_option(label="Tom Ellery (tom)")
    add.click()
    page.locator('[name="authors-2-name"]').fill("Meridian Press Agency")
    first.evaluate("node => node.scrollIntoView({block: 'start'})")
    page.evaluate("window.scrollBy(0, -160)")
    docs_screenshot(page, "desk-authors.png")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("footer button[name='action-publish']").click()
    page.wait_for_url(f"**/admin/liveblog/{blog.pk}/desk/")
    update = LiveBlogUpdate.objects.get(headline="Crew of the Morwenna safe")
    assert update.live
    assert update.byline == "Ana Reyes, Tom Ellery and Meridian Press Agency"
    assert errors == []
    context.close()
