"""The reader page's front end (issues 16-18), its layout at 1280x800 and
390x844 and its behaviour on the phone: the news on a phone's first
screen, pinned updates as teasers with a stub in the list, the compact row of key events and view toggles, "Last
updated" kept current, the keyboard order after a click, the signal for
updates that arrive out of view, and live updates over the event stream
with polling as the safety net. axe-core finds no violation in any of
these states."""

from __future__ import annotations

import re

import pytest

from tests.browser.axe import violations
from tests.browser.constants import ARRIVAL_MS, LAPTOP, PHONE, POLL_INTERVAL
from tests.browser.demo import publish_first_screen
from tests.browser.reader_support import new_reader
from tests.browser.streams import FakeStream
from tests.browser.test_reader_features import RECORD_ANNOUNCEMENTS
from tests.factories import numbered_updates, post, publish, text
from wagtail_liveblog.models.timeline import changed_at, current_version
from wagtail_liveblog.reader import views

# The reader's layout changes at 40rem and 60rem and not above: the phone
# and the laptop (tests/browser/constants.py).
SIZES = {"desktop": LAPTOP, "phone": PHONE}
NEW_BUTTON = "[data-liveblog-new-button]"


@pytest.fixture(params=list(SIZES))
def tab(request, browser, live_server):
    width, height = SIZES[request.param]
    context, opened = new_reader(
        browser, live_server, viewport={"width": width, "height": height}
    )
    opened.page.add_init_script(RECORD_ANNOUNCEMENTS)
    opened.size, opened.width, opened.height = request.param, width, height
    yield opened
    context.close()


def no_violations(tab) -> None:
    found = violations(tab.page)
    assert found == [], found


def box(tab, selector: str) -> dict:
    return tab.page.locator(selector).first.bounding_box()


def said(tab) -> list[str]:
    return tab.page.evaluate("window.__said")


# -- the first screen ------------------------------------------------------------


def test_the_first_update_on_the_first_screen(blog, tab):
    blog, items = publish_first_screen(blog)
    pinned = items[-1]["id"]
    tab.open(blog.url)
    page = tab.page
    latest = page.locator("[data-liveblog-list] > article:not(.liveblog-update--stub)")
    first = latest.first.bounding_box()
    print(f"\n{tab.size}: the first latest update's top at {first['y']:.0f} px")
    assert 0 < first["y"] < tab.height
    assert latest.first.locator("h3").inner_text() == "Update 24"
    # Above it: the key points, the compact row and the pinned teaser.
    summary = box(tab, "[data-liveblog-summary]")
    teaser = box(tab, "[data-liveblog-teaser]")
    assert summary["y"] + summary["height"] <= teaser["y"] < first["y"]
    assert page.locator("[data-liveblog-summary] li").count() == 4
    # The teaser: headline, first lines and a small photo; the rest behind
    # "Show more".
    body = page.locator(f"#pinned-update-{pinned} .liveblog-update__body")
    assert body.evaluate("n => n.scrollHeight > n.clientHeight + 2")
    photo = page.locator(f"#pinned-update-{pinned} img").bounding_box()
    assert photo["width"] <= 80 and photo["y"] < teaser["y"] + teaser["height"]
    more = page.get_by_role("button", name="Show more")
    assert more.get_attribute("aria-expanded") == "false"
    assert (
        page.locator("[data-liveblog-teaser] [data-liveblog-teaser-link]").count() == 0
    )
    no_violations(tab)
    assert tab.errors == []


def test_key_events_and_view_toggles_share_one_compact_row(blog, tab):
    blog, _items = publish_first_screen(blog)
    tab.open(blog.url)
    page = tab.page
    summary = page.locator(".liveblog__key-events-toggle")
    toggles = page.locator(".liveblog__toggle")
    first_toggle = toggles.first.bounding_box()
    if tab.size == "phone":
        # One row: the key events (closed) beside the two toggles.
        chip = summary.bounding_box()
        assert abs(chip["y"] - first_toggle["y"]) <= 4
        assert abs(toggles.nth(1).bounding_box()["y"] - first_toggle["y"]) <= 4
        assert chip["x"] < first_toggle["x"]
        assert chip["height"] <= 48 and first_toggle["height"] <= 48
        # Open, the key events take the row's width; the toggles move below
        # their list and nothing overlaps.
        summary.click()
        links = page.locator("[data-liveblog-key-events] li a")
        assert links.count() == 5 and links.first.is_visible()
        last = links.last.bounding_box()
        assert toggles.first.bounding_box()["y"] >= last["y"] + last["height"]
        no_violations(tab)
        summary.click()
        assert abs(toggles.first.bounding_box()["y"] - first_toggle["y"]) <= 4
    else:
        # Wide screens: the toggles above the updates, the key events a
        # sidebar beside them, open.
        nav = box(tab, "[data-liveblog-key-events]")
        updates = box(tab, "#liveblog-updates")
        assert nav["x"] > updates["x"] + updates["width"] - 1
        assert first_toggle["y"] < updates["y"]
        assert page.locator("[data-liveblog-disclosure]").evaluate("n => n.open")
    assert tab.errors == []


# -- pinned updates: teaser, Show more, the stub ----------------------------------


def test_pinned_teaser_opens_and_its_stub_leads_up_to_it(blog, tab):
    blog, items = publish_first_screen(blog)
    pinned = items[-1]["id"]
    tab.open(blog.url)
    page = tab.page
    more = page.get_by_role("button", name="Show more")
    body = page.locator(f"#pinned-update-{pinned} .liveblog-update__body")
    more.focus()
    page.keyboard.press("Enter")
    less = page.get_by_role("button", name="Show less")
    assert less.get_attribute("aria-expanded") == "true"
    assert less.get_attribute("aria-controls") == f"pinned-update-{pinned}"
    assert body.evaluate("n => n.scrollHeight <= n.clientHeight + 2")
    assert "Power cuts" in body.inner_text()
    image_box = page.locator(f"#pinned-update-{pinned} img").bounding_box()
    assert image_box["width"] > 200
    assert page.locator(
        f"#pinned-update-{pinned} .liveblog-update__author"
    ).is_visible()
    no_violations(tab)
    page.keyboard.press("Enter")
    assert more.get_attribute("aria-expanded") == "false"

    # In the list, the update is a stub: its time, headline and share
    # button, and a link up to the pinned copy, not the whole update again.
    stub = page.locator(f"[data-liveblog-list] #update-{pinned}")
    assert "liveblog-update--stub" in stub.get_attribute("class")
    assert stub.locator(".liveblog-update__body").is_hidden()
    assert stub.locator("h3").is_visible()
    assert stub.get_by_role("button", name="Share “Where to find help”").is_visible()
    assert stub.bounding_box()["height"] < 200
    stub.get_by_role("link", name="Read it above, in Pinned").click()
    page.wait_for_function(f"document.activeElement.id === 'pinned-update-{pinned}'")
    teaser_button = page.locator("[data-liveblog-teaser-button]")
    assert teaser_button.get_attribute("aria-expanded") == "true"  # opened
    page.wait_for_function(
        f"Math.abs(document.getElementById('pinned-update-{pinned}')"
        ".getBoundingClientRect().top) < 80"
    )
    assert tab.errors == []


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_links_to_a_pinned_update(blog, tab):
    blog, items = publish_first_screen(blog)
    pinned = items[-1]["id"]
    page = tab.page
    # On the latest updates, a link to the update's place in the list
    # leads to its pinned copy, opened.
    tab.open(f"{blog.url}#update-{pinned}")
    page.wait_for_function(f"document.activeElement.id === 'pinned-update-{pinned}'")
    button = page.locator("[data-liveblog-teaser-button]")
    assert button.get_attribute("aria-expanded") == "true"
    top = page.eval_on_selector(
        f"#pinned-update-{pinned}", "n => n.getBoundingClientRect().top"
    )
    assert 0 <= top < 80
    no_violations(tab)
    # Its share link opens the window that holds it: here the latest
    # updates, so it leads to the pinned copy too.
    tab.open(f"{blog.url}?update={pinned}#update-{pinned}")
    page.wait_for_function(f"document.activeElement.id === 'pinned-update-{pinned}'")
    assert button.get_attribute("aria-expanded") == "true"
    # In another view there is no Pinned section: the update shows in full.
    tab.open(f"{blog.url}?order=oldest")
    article = page.locator(f"[data-liveblog-list] #update-{pinned}")
    assert "liveblog-update--stub" not in article.get_attribute("class")
    assert "Power cuts" in article.inner_text()
    assert tab.errors == []


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_a_pinned_update_posted_while_open_arrives_as_a_teaser(blog, tab):
    blog = publish(blog, numbered_updates(3))
    tab.open(blog.url)
    long_body = [text("<p>" + "Shelters are open at the stadium. " * 12 + "</p>")]
    new = post(blog, "Where to find shelter", long_body, pinned=True)
    page = tab.page
    page.wait_for_selector(f"#pinned-update-{new}", timeout=ARRIVAL_MS)
    page.wait_for_selector(f"[data-liveblog-list] #update-{new}.liveblog-update--stub")
    assert page.get_by_role("button", name="Show more").get_attribute(
        "aria-expanded"
    ) == ("false")
    assert page.locator(f"#update-{new} .liveblog-update__body").is_hidden()
    no_violations(tab)
    assert tab.errors == []


# -- "Last updated" -----------------------------------------------------------------


def test_last_updated_is_kept_current_by_a_post(blog, tab):
    blog = publish(blog, numbered_updates(3))
    tab.open(blog.url)
    page = tab.page
    node = page.locator("[data-liveblog-updated]")
    assert node.is_visible()
    assert re.fullmatch(r"\d{1,2}:\d\d( [AP]M)?", node.inner_text())
    status = box(tab, ".liveblog__status")
    title = box(tab, ".liveblog__title")
    assert node.bounding_box()["y"] < title["y"] and status["height"] < 40
    before = node.get_attribute("datetime")

    post(blog, "Bridge reopened")
    after = changed_at(blog.pk)
    iso = after.isoformat().replace("+00:00", "Z")
    page.wait_for_function(
        "iso => document.querySelector('[data-liveblog-updated]')"
        ".getAttribute('datetime') === iso",
        arg=iso,
        timeout=ARRIVAL_MS,
    )
    assert iso != before
    assert node.inner_text() == after.strftime("%-I:%M %p")  # reader's time: UTC
    assert page.locator(".liveblog__updated").inner_text().startswith("Last updated")
    assert tab.errors == []


# -- the keyboard after a click ----------------------------------------------------------


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_the_new_updates_button_stays_next_after_a_click_in_the_updates(blog, tab):
    items = numbered_updates(20)
    blog = publish(blog, items)
    tab.open(blog.url)
    page = tab.page
    reading = page.locator(f"#update-{items[6]['id']}")
    reading.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 200)")
    # A click on the update's text: nothing focusable there.
    reading.locator(".liveblog-update__body p").click()
    new = post(blog, "Power restored downtown")
    button = page.locator(NEW_BUTTON)
    button.wait_for(state="visible", timeout=ARRIVAL_MS)
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.activeElement.hasAttribute('data-liveblog-new-button')"
    ), page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.activeElement.id === 'update-{new}'")
    # The updates' section never takes focus from a click.
    reading.locator(".liveblog-update__body p").click()
    assert page.evaluate("document.activeElement === document.body")
    assert tab.errors == []


# -- updates arriving out of view ------------------------------------------------------

# A site whose blog starts lower down (a tall header or picture): at the top
# of the page, the list starts below the first screen at every size.
TALL_HEADER = (
    "document.querySelector('.liveblog__header').style.marginBottom = '1400px'"
)


def test_updates_arriving_below_the_window_are_pointed_to(blog, tab):
    items = numbered_updates(5)
    blog = publish(blog, items)
    tab.open(blog.url)
    page = tab.page
    page.evaluate(TALL_HEADER)
    title = page.title()
    assert page.evaluate("window.scrollY") == 0

    new = post(blog, "Levee breached at Eastport")
    button = page.get_by_role("button", name="1 new update")
    button.wait_for(state="visible", timeout=ARRIVAL_MS)
    # Inserted at once, out of view; the button floats at the bottom.
    assert tab.article_ids()[0] == new
    assert page.locator(f"#update-{new}").bounding_box()["y"] > tab.height
    assert button.inner_text() == "↓ 1 new update"
    # Where it rests, once it has slid in.
    page.wait_for_function(
        "document.querySelector('[data-liveblog-new-button]').getAnimations().length === 0"
    )
    place = button.bounding_box()
    assert tab.height - 100 < place["y"] + place["height"] <= tab.height
    assert page.title() == f"(1) {title}"
    page.wait_for_function("window.__said.includes('1 new update')")
    no_violations(tab)

    button.click()
    page.wait_for_function(f"document.activeElement.id === 'update-{new}'")
    page.wait_for_function(
        f"Math.abs(document.getElementById('update-{new}')"
        ".getBoundingClientRect().top) < 80"
    )
    assert button.is_hidden()
    assert page.title() == title

    # Back at the top, another arrives; scrolling down to it clears the
    # signal without a click.
    page.evaluate("window.scrollTo(0, 0)")
    second = post(blog, "Second levee holds")
    page.locator(NEW_BUTTON).wait_for(state="visible", timeout=ARRIVAL_MS)
    assert page.title() == f"(1) {title}"
    page.locator(f"#update-{second}").scroll_into_view_if_needed()
    page.locator(NEW_BUTTON).wait_for(state="hidden")
    assert page.title() == title
    assert tab.errors == []


def test_the_signal_below_respects_reduced_motion(blog, browser, live_server):
    context, tab = new_reader(
        browser,
        live_server,
        viewport={"width": 390, "height": 844},
        reduced_motion="reduce",
    )
    try:
        blog = publish(blog, numbered_updates(3))
        tab.open(blog.url)
        tab.page.evaluate(TALL_HEADER)
        new = post(blog, "Levee breached at Eastport")
        button = tab.page.locator(NEW_BUTTON)
        button.wait_for(state="visible", timeout=ARRIVAL_MS)
        assert button.evaluate("n => getComputedStyle(n).animationName") == "none"
        # The jump to the update is instant.
        top = tab.page.evaluate(
            """id => {
                document.querySelector("[data-liveblog-new-button]").click();
                return document.getElementById(id).getBoundingClientRect().top;
            }""",
            f"update-{new}",
        )
        assert 0 <= top < 80
        assert tab.errors == []
    finally:
        context.close()


# -- the event stream, and polling as the safety net ------------------------------------


@pytest.fixture
def stream(monkeypatch):
    """The page offers ``<page url>events/``: the real route once the site
    has it, else :class:`FakeStream` (see ``tests/browser/streams.py``)."""
    fake = FakeStream()
    real_context = views.reader_context

    def with_stream(page, request, window):
        context = real_context(page, request, window)
        config = context["liveblog_config"]
        if config.get("eventsUrl"):
            fake.real = True
        else:
            config["eventsUrl"] = f"{context['page_url']}events/"
        return context

    monkeypatch.setattr(views, "reader_context", with_stream)
    return fake


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_updates_arrive_over_the_event_stream_without_polling(blog, tab, stream):
    items = numbered_updates(3)
    blog = publish(blog, items)
    version = current_version(blog.pk)
    stream.install(tab.page)
    tab.open(blog.url)
    page = tab.page

    new = post(blog, "Levee breached at Eastport", key_event=True)
    stream.push(page)
    page.wait_for_selector(f"#update-{new}", timeout=2000)
    assert tab.article_ids() == [new] + [i["id"] for i in items]
    page.wait_for_function("window.__said.includes('1 new update')")
    assert page.locator("[data-liveblog-key-events] li").count() == 1

    # The next change comes over the reconnected stream, from where the
    # last event left off.
    second = post(blog, "Second levee holds")
    stream.push(page)
    page.wait_for_selector(f"#update-{second}", timeout=2000)
    assert tab.article_ids()[:2] == [second, new]
    if not stream.real:
        # The stream was asked for the changes after the page's version.
        # (Chromium's reconnections send Last-Event-ID, which Playwright's
        # interception does not show; a replayed change is applied once.)
        assert stream.connections[0] == (version, None)
        assert len(stream.connections) >= 2
    assert page.locator(f"#update-{new}").count() == 1
    # No poll while the stream is healthy.
    page.wait_for_timeout(POLL_INTERVAL * 1000 * 1.5)
    assert tab.polls == []
    no_violations(tab)
    assert tab.errors == []


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_falls_back_to_polling_when_the_stream_is_blocked(blog, tab, stream):
    stream.blocked = True
    blog = publish(blog, numbered_updates(3))
    stream.install(tab.page)
    tab.open(blog.url)
    page = tab.page
    new = post(blog, "Levee breached at Eastport")
    page.wait_for_selector(f"#update-{new}", timeout=ARRIVAL_MS)
    assert stream.connections, "the page tried the stream first"
    assert tab.polls, "the page polls when the stream is refused"
    assert re.search(r"/poll/\?since=\d+$", tab.polls[0])
    # Chromium logs the refused stream (404) as a console error; nothing else.
    assert all("404" in error for error in tab.errors), tab.errors


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_the_stream_stops_when_the_blog_ends(blog, tab, stream):
    from datetime import timedelta

    from django.utils import timezone

    blog.coverage_start = timezone.now() - timedelta(hours=2)
    blog = publish(blog, numbered_updates(2))
    stream.install(tab.page)
    tab.open(blog.url)
    page = tab.page
    blog.coverage_end = timezone.now() - timedelta(seconds=1)
    publish(blog)
    stream.push(page)
    page.wait_for_selector(".liveblog-badge--ended", timeout=2000)
    connections = len(stream.connections)
    page.wait_for_timeout(1000)
    assert len(stream.connections) == connections  # no reconnection
    assert tab.polls == []
    assert tab.errors == []


def test_without_javascript_the_teaser_opens_by_its_link(blog, browser, live_server):
    blog, items = publish_first_screen(blog)
    pinned = items[-1]["id"]
    context, tab = new_reader(
        browser,
        live_server,
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    try:
        page = tab.page
        page.goto(live_server.url + blog.url)
        body = page.locator(f"#pinned-update-{pinned} .liveblog-update__body")
        assert body.evaluate("n => n.scrollHeight > n.clientHeight + 2")
        latest = page.locator(
            "[data-liveblog-list] > article:not(.liveblog-update--stub)"
        )
        assert latest.first.bounding_box()["y"] < 844
        page.get_by_role("link", name="Show more").click()
        page.wait_for_url(re.compile(rf"#pinned-update-{pinned}$"))
        assert body.evaluate("n => n.scrollHeight <= n.clientHeight + 2")
        assert page.get_by_role("link", name="Show more").is_hidden()
        # The stub in the list leads there too.
        stub = page.locator(f"[data-liveblog-list] #update-{pinned}")
        assert stub.locator(".liveblog-update__body").is_hidden()
        assert stub.get_by_role("link", name="Read it above, in Pinned").is_visible()
        assert tab.errors == []
    finally:
        context.close()
