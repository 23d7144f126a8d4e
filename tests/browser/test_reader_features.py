"""The reader page's features in headless Chromium, at 1280x800 and 390x844:
key points and the first screen, the key-events view and oldest first (with
and without JavaScript, with the live poll), the compact key-events list and
in-page navigation, sharing, time links, embeds, the keyboard route to the
"N new updates" button, polite announcements, dark mode; axe-core finds no
violation in any of these states."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from tests.browser.axe import violations
from tests.browser.constants import ARRIVAL_MS, LAPTOP, PHONE, POLL_INTERVAL
from tests.browser.demo import publish_demo, publish_forty_five
from tests.browser.reader_support import new_reader
from tests.factories import editor, numbered_updates, post, publish, text
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate

SIZES = {"desktop": LAPTOP, "phone": PHONE}

EMBED_PAGE = "<!doctype html><html lang='en'><title>Player</title><p>Player</p></html>"

# Everything the page's announcer says, in order.
RECORD_ANNOUNCEMENTS = """
window.__said = [];
document.addEventListener("DOMContentLoaded", () => {
  const node = document.querySelector("[data-liveblog-announcer]");
  if (!node) return;
  new MutationObserver(() => {
    if (node.textContent) window.__said.push(node.textContent);
  }).observe(node, {childList: true, characterData: true, subtree: true});
});
"""


def _stub_embeds(context) -> None:
    """The test embeds' players, served locally (no network)."""
    for host in ("https://video.example/**", "https://social.example/**"):
        context.route(
            host,
            lambda route: route.fulfill(body=EMBED_PAGE, content_type="text/html"),
        )


def _open_tab(browser, live_server, size: str, **options):
    width, height = SIZES[size]
    context, tab = new_reader(
        browser, live_server, viewport={"width": width, "height": height}, **options
    )
    _stub_embeds(context)
    tab.page.add_init_script(RECORD_ANNOUNCEMENTS)
    tab.size = size
    tab.height = height
    return context, tab


@pytest.fixture(params=list(SIZES))
def tab(request, browser, live_server):
    context, opened = _open_tab(browser, live_server, request.param)
    yield opened
    context.close()


@pytest.fixture
def site_here(live_server):
    """The default site at the live server's address, as a deployed site is
    configured: canonical links then equal the address readers use."""
    from wagtail.models import Site

    parts = urlsplit(live_server.url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = parts.hostname, parts.port
    site.save()
    return site


def number(headline: str) -> int:
    return int(headline.split()[-1])


def headlines(tab) -> list[str]:
    return tab.page.eval_on_selector_all(
        "[data-liveblog-list] > article",
        "nodes => nodes.map(n => n.querySelector('h3').textContent)",
    )


def top_of(tab, selector: str) -> float:
    return tab.page.eval_on_selector(selector, "n => n.getBoundingClientRect().top")


def said(tab) -> list[str]:
    return tab.page.evaluate("window.__said")


def wait_polls(tab, count: int = 2) -> None:
    """Wait until the page has made ``count`` more polls (and applied them)."""
    start = len(tab.polls)
    for _ in range(100):
        if len(tab.polls) >= start + count:
            break
        tab.page.wait_for_timeout(100)
    tab.page.wait_for_timeout(300)
    assert len(tab.polls) >= start + count


def no_violations(tab) -> None:
    found = violations(tab.page)
    assert found == [], found


# -- key points, the first screen, the compact key events ---------------------------


def test_key_points_and_the_first_update_on_the_first_screen(blog, tab):
    blog, _items = publish_forty_five(blog)
    tab.open(blog.url)
    page = tab.page
    first_top = top_of(tab, "[data-liveblog-list] > article")
    summary = page.locator("[data-liveblog-summary]")
    assert "The river is expected to peak" in summary.inner_text()
    assert summary.bounding_box()["y"] + summary.bounding_box()["height"] <= first_top
    assert 0 < first_top < tab.height, first_top
    print(f"\n{tab.size}: first update's top at {first_top:.0f} px")

    # The key events: the newest few, as a disclosure open on wide screens
    # and closed on phones.
    disclosure = page.locator("[data-liveblog-disclosure]")
    assert disclosure.evaluate("n => n.open") is (tab.size == "desktop")
    assert page.locator("[data-liveblog-key-events] li").count() == 4
    no_violations(tab)
    if tab.size == "phone":
        page.locator(".liveblog__key-events-toggle").click()
        assert page.locator("[data-liveblog-key-events] li").first.is_visible()
        no_violations(tab)
        page.locator(".liveblog__key-events-toggle").click()
        assert not disclosure.evaluate("n => n.open")
    assert tab.errors == []


def test_the_key_events_list_is_compact_and_leads_to_all_of_them(blog, tab, settings):
    settings.WAGTAIL_LIVEBLOG = {"POLL_INTERVAL": POLL_INTERVAL, "KEY_EVENTS_SHOWN": 2}
    blog, _items = publish_forty_five(blog)
    tab.open(blog.url)
    page = tab.page
    if tab.size == "phone":
        page.locator(".liveblog__key-events-toggle").click()
    nav = page.locator("[data-liveblog-key-events]")
    assert nav.locator("li").all_inner_texts()[0].endswith("Update 40")
    assert nav.locator("li").count() == 2
    # A new key event joins the list at the top; the list keeps its size.
    post(blog, "Levee holds", key_event=True)
    page.wait_for_function(
        "document.querySelector('[data-liveblog-key-events] li').innerText"
        ".includes('Levee holds')",
        timeout=ARRIVAL_MS,
    )
    assert nav.locator("li").count() == 2
    nav.get_by_role("link", name="All key events").click()
    page.wait_for_url(re.compile(r"\?filter=key-events$"))
    page.wait_for_selector(".liveblog--enhanced")
    assert headlines(tab)[:2] == ["Levee holds", "Update 40"]
    assert tab.errors == []


def test_a_long_key_events_sidebar_can_be_read_to_its_end(blog, reader, settings):
    settings.WAGTAIL_LIVEBLOG = {"POLL_INTERVAL": POLL_INTERVAL, "KEY_EVENTS_SHOWN": 20}
    items = numbered_updates(30)
    for item in items[:20]:
        item["value"]["key_event"] = True
        item["value"]["headline"] += " — a long headline that wraps over two lines"
    blog = publish(blog, items)
    reader.page.set_viewport_size({"width": 1280, "height": 800})
    reader.open(blog.url)
    nav = reader.page.locator("[data-liveblog-key-events]")
    box = nav.bounding_box()
    assert box["height"] <= 800 - 16
    assert nav.evaluate("n => n.scrollHeight > n.clientHeight")  # it scrolls
    # Tab reaches the last key event, and it is then in view.
    last = nav.locator("li a").last
    reader.tab_to("[data-liveblog-key-events] li:last-child a")
    box = last.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 800
    assert violations(reader.page) == []
    assert reader.errors == []


def test_key_event_links_move_within_the_page_when_the_update_is_there(blog, tab):
    blog, items = publish_forty_five(blog)
    ids = {number(i["value"]["headline"]): i["id"] for i in items}
    tab.open(blog.url)
    page = tab.page
    page.evaluate("window.__same_page = true")
    if tab.size == "phone":
        page.locator(".liveblog__key-events-toggle").click()
    page.locator("[data-liveblog-key-events]").get_by_role(
        "link", name=re.compile("Update 30")
    ).click()
    page.wait_for_url(re.compile(rf"\?update={ids[30]}#update-{ids[30]}$"))
    page.wait_for_function(
        f"Math.abs(document.getElementById('update-{ids[30]}')"
        ".getBoundingClientRect().top) < 80"
    )
    assert page.evaluate("window.__same_page") is True  # no reload
    assert tab.active_id() == f"update-{ids[30]}"
    target = page.locator(f"#update-{ids[30]}")
    assert "liveblog-update--target" in target.get_attribute("class")
    if tab.size == "phone":
        assert not page.locator("[data-liveblog-disclosure]").evaluate("n => n.open")
    no_violations(tab)

    # Update 10 is not loaded: the link opens the window that holds it.
    if tab.size == "phone":
        page.locator(".liveblog__key-events-toggle").click()
    page.locator("[data-liveblog-key-events]").get_by_role(
        "link", name=re.compile("Update 10")
    ).click()
    page.wait_for_selector(f"#update-{ids[10]}.liveblog-update--target")
    page.wait_for_selector(".liveblog--enhanced")
    assert page.evaluate("window.__same_page") is None
    assert tab.errors == []


# -- key events only --------------------------------------------------------------


def test_key_events_only_by_keyboard_with_load_more_and_the_poll(blog, tab, settings):
    settings.WAGTAIL_LIVEBLOG = {"POLL_INTERVAL": POLL_INTERVAL, "PAGE_SIZE": 3}
    blog, items = publish_forty_five(blog)
    tab.open(blog.url)
    page = tab.page
    toggle = page.get_by_role("button", name="Key events only")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?filter=key-events$"))
    page.wait_for_selector(".liveblog--enhanced")
    toggle = page.get_by_role("button", name="Key events only")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert headlines(tab) == ["Update 40", "Update 30", "Update 20"]
    no_violations(tab)

    page.get_by_role("link", name="Load more key events").click()
    page.wait_for_function(
        "document.querySelectorAll('[data-liveblog-list] > article').length === 4"
    )
    assert re.search(r"\?filter=key-events$", page.url)  # in place
    assert headlines(tab) == ["Update 40", "Update 30", "Update 20", "Update 10"]
    assert page.locator(".liveblog__end").inner_text() == (
        "You have reached the first key event."
    )

    # Live: a new key event arrives, other updates do not.
    page.evaluate("window.scrollTo(0, 0)")
    post(blog, "Not a key event")
    key = post(blog, "Curfew from 8 pm", key_event=True)
    page.wait_for_selector(f"#update-{key}", timeout=ARRIVAL_MS)
    assert headlines(tab)[:2] == ["Curfew from 8 pm", "Update 40"]
    assert "Not a key event" not in page.locator("[data-liveblog-list]").inner_text()
    # An update that stops being a key event leaves the view.
    forty = items[5]["id"]
    editing.edit_update(blog, forty, user=editor(), key_event=False)
    page.wait_for_selector(f"#update-{forty}", state="detached", timeout=ARRIVAL_MS)
    page.wait_for_function("window.__said.includes('1 update removed')")
    no_violations(tab)
    assert tab.errors == []


# -- oldest first -------------------------------------------------------------------


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_oldest_first_starts_at_the_start_and_new_updates_wait_at_the_end(blog, tab):
    blog, _items = publish_forty_five(blog)
    tab.open(blog.url)
    page = tab.page
    page.get_by_role("button", name="Oldest first").click()
    page.wait_for_url(re.compile(r"\?order=oldest$"))
    page.wait_for_selector(".liveblog--enhanced")
    assert (
        page.get_by_role("button", name="Oldest first").get_attribute("aria-pressed")
        == "true"
    )
    assert headlines(tab) == [f"Update {n}" for n in range(1, 21)]
    no_violations(tab)

    # Not at the end yet: a new update is not put anywhere...
    early = post(blog, "Posted while reading")
    wait_polls(tab)
    assert page.locator(f"#update-{early}").count() == 0
    assert page.locator("[data-liveblog-new-button]").is_hidden()
    # ...load more brings it, in its place at the end.
    for expected in (40, 46):
        page.locator("a.liveblog__more-link").click()
        page.wait_for_function(
            "document.querySelectorAll('[data-liveblog-list] > article').length"
            f" === {expected}"
        )
    assert headlines(tab)[-2:] == ["Update 45", "Posted while reading"]
    assert page.locator(".liveblog__end").inner_text() == (
        "You have reached the latest update."
    )
    # At the end (the reader is there): the next one joins the end of the list.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    late = post(blog, "Posted at the end")
    page.wait_for_selector(f"#update-{late}", timeout=ARRIVAL_MS)
    assert tab.article_ids()[-1] == late
    page.wait_for_function("window.__said.includes('1 new update')")
    # Once the reader has it in view, nothing points to it any more.
    page.locator(f"#update-{late}").scroll_into_view_if_needed()
    page.locator("[data-liveblog-new-button]").wait_for(state="hidden")
    no_violations(tab)
    assert tab.errors == []


# -- without JavaScript ----------------------------------------------------------------


@pytest.mark.parametrize("size", list(SIZES))
def test_without_javascript(blog, browser, live_server, size):
    blog, _items = publish_forty_five(blog)
    context, tab = _open_tab(browser, live_server, size, java_script_enabled=False)
    try:
        page = tab.page
        page.goto(live_server.url + blog.url)
        assert page.locator(".liveblog--enhanced").count() == 0
        # Phones: the key events stay closed and the first update is on screen.
        first_top = top_of(tab, "[data-liveblog-list] > article")
        assert first_top < tab.height
        if size == "phone":
            assert not page.locator("[data-liveblog-disclosure]").evaluate(
                "n => n.open"
            )

        # The toggles are forms: they work without the script.
        page.get_by_role("button", name="Key events only").click()
        page.wait_for_url(re.compile(r"\?filter=key-events$"))
        assert headlines(tab) == ["Update 40", "Update 30", "Update 20", "Update 10"]
        page.get_by_role("button", name="Oldest first").click()
        page.wait_for_url(re.compile(r"\?filter=key-events&order=oldest$"))
        assert headlines(tab) == ["Update 10", "Update 20", "Update 30", "Update 40"]
        page.get_by_role("button", name="Key events only").click()
        page.wait_for_url(re.compile(r"\?order=oldest$"))
        assert headlines(tab)[0] == "Update 1"

        # Load more opens the next window at its updates.
        page.goto(live_server.url + blog.url)
        page.locator("a.liveblog__more-link").click()
        page.wait_for_url(re.compile(r"#liveblog-updates$"))
        assert headlines(tab)[0] == "Update 25"
        assert abs(top_of(tab, "#liveblog-updates")) <= 2
        assert tab.errors == []
    finally:
        context.close()


# -- sharing and times ----------------------------------------------------------------


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_share_copies_the_link_where_the_browser_cannot_share(blog, tab, live_server):
    tab.page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    tab.page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'share', {value: undefined})"
    )
    items = numbered_updates(3)
    blog = publish(blog, items)
    tab.open(blog.url)
    page = tab.page
    buttons = page.locator("[data-liveblog-list] [data-liveblog-share]")
    assert buttons.count() == 3
    share = page.get_by_role("button", name="Share “Update 3”")
    assert share.is_visible()
    share.click()
    newest = items[0]["id"]
    permalink = f"{live_server.url}{blog.url}?update={newest}#update-{newest}"
    page.wait_for_function("window.__said.includes('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()") == permalink
    # Said beside the button, whose name stays the same.
    note = page.locator(f"#update-{newest} [data-liveblog-copied]")
    assert note.is_visible() and note.inner_text() == "Link copied"
    assert share.inner_text() == "Share"
    no_violations(tab)
    note.wait_for(state="detached")
    assert tab.errors == []


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_share_uses_the_share_sheet_where_there_is_one(blog, tab, live_server):
    tab.page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'share', {value: async function (data) {"
        " window.__shared = data; }})"
    )
    items = numbered_updates(2)
    blog = publish(blog, items)
    tab.open(blog.url)
    tab.page.get_by_role("button", name="Share “Update 1”").click()
    tab.page.wait_for_function("window.__shared")
    shared = tab.page.evaluate("window.__shared")
    oldest = items[1]["id"]
    assert (
        shared["url"] == f"{live_server.url}{blog.url}?update={oldest}#update-{oldest}"
    )
    assert shared["title"].startswith("Update 1 – ")
    assert tab.errors == []


def test_time_links_are_named_by_the_time_with_how_long_ago_beside(blog, tab):
    blog = publish(blog, numbered_updates(2))
    tab.open(blog.url)
    new = post(blog, "Bridge reopened", [text("<p>Traffic is moving.</p>")])
    page = tab.page
    page.wait_for_selector(f"#update-{new}", timeout=ARRIVAL_MS)
    article = page.locator(f"#update-{new}")
    clock = article.locator("time[data-liveblog-time]").first.inner_text()
    now = timezone.now()
    assert clock in (
        now.strftime("%-I:%M %p"),
        (now - timedelta(minutes=1)).strftime("%-I:%M %p"),
    )
    link = article.get_by_role("link", name=clock, exact=True)
    assert link.get_attribute("href") == f"?update={new}#update-{new}"
    beside = article.locator("[data-liveblog-ago]")
    assert beside.is_visible() and beside.inner_text() == "now"
    # Beside: on the same line, after the link.
    link_box, beside_box = link.bounding_box(), beside.bounding_box()
    assert beside_box["x"] > link_box["x"] + link_box["width"] - 1
    assert abs(beside_box["y"] - link_box["y"]) < link_box["height"]
    # No two time links share a name "… ago".
    names = page.locator("a.liveblog-update__permalink").all_inner_texts()
    assert not any("ago" in name for name in names)
    no_violations(tab)
    assert tab.errors == []


# -- keyboard and announcements ------------------------------------------------------


def test_the_new_updates_button_is_next_in_the_keyboard_order(blog, tab):
    items = numbered_updates(20)
    blog = publish(blog, items)
    tab.open(blog.url)
    page = tab.page
    # A keyboard reader is down the page, on an update's share button.
    reading = items[8]["id"]
    page.locator(f"#update-{reading} [data-liveblog-share]").focus()
    new = post(blog, "Power restored downtown")
    button = page.locator("[data-liveblog-new-button]")
    button.wait_for(state="visible", timeout=ARRIVAL_MS)
    page.wait_for_function("window.__said.includes('1 new update')")
    box = button.bounding_box()
    assert 0 <= box["y"] < 100  # floating at the top of the window
    no_violations(tab)
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.activeElement.hasAttribute('data-liveblog-new-button')"
    )
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.activeElement.id === 'update-{new}'")
    assert tab.article_ids()[0] == new
    assert button.is_hidden()
    assert tab.errors == []


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_edits_removals_and_key_points_are_announced_once(blog, tab):
    items = numbered_updates(5)
    blog.summary = "<ul><li>Roads closed</li></ul>"
    blog = publish(blog, items)
    tab.open(blog.url)
    page = tab.page

    editing.edit_update(
        blog, items[1]["id"], user=editor(), body=[text("<p>Corrected: 40 mm.</p>")]
    )
    page.wait_for_function(
        "window.__said.includes('1 update edited')", timeout=ARRIVAL_MS
    )
    assert "Corrected: 40 mm." in page.locator(f"#update-{items[1]['id']}").inner_text()

    editing.remove_update(blog, items[2]["id"], user=editor())
    page.wait_for_function(
        "window.__said.includes('1 update removed')", timeout=ARRIVAL_MS
    )

    blog.summary = "<ul><li>Roads reopened</li><li>Schools shut</li></ul>"
    blog = publish(blog)
    page.wait_for_function(
        "document.querySelector('[data-liveblog-summary]').innerText.includes('Schools shut')",
        timeout=ARRIVAL_MS,
    )
    page.wait_for_function("window.__said.includes('Key points updated')")
    # Several polls later, each was said once.
    wait_polls(tab, 3)
    spoken = said(tab)
    for words in ("1 update edited", "1 update removed", "Key points updated"):
        assert spoken.count(words) == 1, spoken
    no_violations(tab)
    assert tab.errors == []


# -- embeds -------------------------------------------------------------------------


def test_embeds_fit_the_update_and_videos_keep_their_shape(blog, tab):
    blog, _items = publish_demo(blog)
    update_id = editing.post_update(
        blog,
        user=editor(),
        headline="Watch: the levee breach",
        body=[
            {"type": "embed", "value": "https://video.example/watch/levee"},
            {"type": "embed", "value": "https://social.example/mayor/status/1"},
        ],
    )
    tab.open(blog.url)
    page = tab.page
    body = page.locator(f"#update-{update_id} .liveblog-update__body")
    frame = page.locator(
        f"#update-{update_id} .liveblog-embed--video .liveblog-embed__frame"
    )
    iframe = frame.locator("iframe")
    frame_box, body_box = frame.bounding_box(), body.bounding_box()
    assert abs(frame_box["width"] - body_box["width"]) <= 1
    assert abs(frame_box["height"] - frame_box["width"] * 360 / 640) <= 2
    assert iframe.bounding_box()["width"] == pytest.approx(frame_box["width"], abs=1)
    assert iframe.get_attribute("title") == "Levee breach at Elm Street"
    social = page.locator(f"#update-{update_id} .liveblog-embed--rich")
    assert social.bounding_box()["width"] <= body_box["width"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[tab.size][0]
    no_violations(tab)
    assert tab.errors == []


# -- metadata and dark mode ------------------------------------------------------------


@pytest.mark.parametrize("tab", ["phone"], indirect=True)  # behaviour: once
def test_canonical_and_social_tags_in_the_page(blog, tab, site_here):
    blog, _items = publish_forty_five(blog)
    tab.open(blog.url)
    page = tab.page
    assert page.get_attribute('link[rel="canonical"]', "href") == page.url
    assert page.get_attribute('meta[property="og:title"]', "content") == blog.title
    for query in ("?filter=key-events", "?order=oldest"):
        tab.open(blog.url + query)
        assert page.get_attribute('link[rel="canonical"]', "href") == (
            tab.base_url + blog.url
        )
    assert tab.errors == []


@pytest.mark.parametrize("size", list(SIZES))
def test_dark_mode(blog, browser, live_server, size):
    blog, _items = publish_demo(blog)
    context, tab = _open_tab(browser, live_server, size, color_scheme="dark")
    try:
        tab.open(blog.url)
        background = tab.page.eval_on_selector(
            ".liveblog", "n => getComputedStyle(n).backgroundColor"
        )
        assert background == "rgb(20, 21, 24)"
        text_colour = tab.page.eval_on_selector(
            ".liveblog", "n => getComputedStyle(n).color"
        )
        assert text_colour == "rgb(236, 236, 234)"
        no_violations(tab)
        # Also with the "N new updates" button and a key events view.
        tab.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        post(blog, "Second levee under pressure")
        tab.page.locator("[data-liveblog-new-button]").wait_for(
            state="visible", timeout=ARRIVAL_MS
        )
        no_violations(tab)
        tab.open(blog.url + "?filter=key-events")
        no_violations(tab)
        assert tab.errors == []
    finally:
        context.close()


def test_every_view_passes_axe(blog, tab):
    blog, _items = publish_demo(blog)
    for query in (
        "",
        "?filter=key-events",
        "?order=oldest",
        "?filter=key-events&order=oldest",
    ):
        tab.open(blog.url + query)
        no_violations(tab)
    update_id = (
        LiveBlogUpdate.objects.filter(blog=blog).order_by("posted_at").first().pk
    )
    tab.open(f"{blog.url}?update={update_id}")
    no_violations(tab)
    assert tab.errors == []
