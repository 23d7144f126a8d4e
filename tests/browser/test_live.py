"""The reader script in headless Chromium: load more, live updates arriving,
edits and removals, the "N new updates" button, relative times, and polling
stopping once the blog has ended. Updates are posted, edited, unpublished
and removed from the test thread through the editing API and the models,
exactly as the live desk does."""

from __future__ import annotations

import re
import time
from datetime import timedelta

from django.utils import timezone

from tests.browser.constants import ARRIVAL_MS, POLL_INTERVAL
from tests.factories import editor, numbered_updates, post, publish, text, update
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate


def fresh(blog, headline: str, **kwargs) -> str:
    """Post an update now, as a reporter on the desk would; returns its id."""
    return post(blog, headline, [text(f"<p>{headline}: more details.</p>")], **kwargs)


def test_load_more_appends_in_place_by_keyboard(blog, reader):
    items = numbered_updates(45)
    blog = publish(blog, items)
    reader.open(blog.url)
    url = reader.page.url
    assert reader.article_ids() == [i["id"] for i in items[:20]]

    reader.tab_to("a.liveblog__more-link")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_function(
        "document.querySelectorAll('[data-liveblog-list] > article').length === 40"
    )
    assert reader.page.url == url  # appended in place, no navigation
    assert reader.article_ids() == [i["id"] for i in items[:40]]
    # Focus moved to the first update that appeared, so reading continues there.
    assert reader.active_id() == f"update-{items[20]['id']}"

    reader.tab_to("a.liveblog__more-link")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_function(
        "document.querySelectorAll('[data-liveblog-list] > article').length === 45"
    )
    assert reader.article_ids() == [i["id"] for i in items]
    assert reader.active_id() == f"update-{items[40]['id']}"
    assert reader.page.locator(".liveblog__end").is_visible()
    assert reader.errors == []


def test_update_published_while_open_appears_at_the_top(blog, reader):
    items = numbered_updates(3)
    blog = publish(blog, items)
    reader.open(blog.url)
    title = reader.page.title()

    new = fresh(blog, "Levee breached at Eastport")
    started = time.monotonic()
    reader.page.wait_for_selector(f"#update-{new}", timeout=ARRIVAL_MS)
    elapsed = time.monotonic() - started

    assert elapsed < 2 * POLL_INTERVAL * 1.2 + 0.5
    assert reader.article_ids() == [new] + [i["id"] for i in items]
    article = reader.page.locator(f"#update-{new}")
    assert article.is_visible()
    assert "Levee breached at Eastport" in article.inner_text()
    # Reader at the top: shown at once, no button, no counter in the title.
    assert reader.page.locator("[data-liveblog-new-button]").is_hidden()
    assert reader.page.title() == title
    reader.page.wait_for_function(
        "document.querySelector('[data-liveblog-announcer]').textContent === '1 new update'"
    )
    # The time link shows the clock time; how long ago is beside it.
    time_node = article.locator("time[data-liveblog-time]").first
    assert re.fullmatch(r"\d{1,2}:\d\d( [AP]M)?", time_node.inner_text())
    assert article.locator("[data-liveblog-ago]").inner_text() == "now"
    assert time_node.get_attribute("title")  # the date and time in full
    assert reader.errors == []


def test_scrolled_reader_gets_a_button_that_reveals_new_updates(blog, reader):
    items = numbered_updates(20)
    blog = publish(blog, items)
    reader.open(blog.url)
    reader.page.evaluate("window.scrollTo(0, 2000)")
    anchor = f"#update-{items[8]['id']}"
    top_before = reader.page.eval_on_selector(
        anchor, "n => n.getBoundingClientRect().top"
    )
    title = reader.page.title()

    # A new pinned update: its copy goes into a new "Pinned" section above
    # the reader, which must not move what they are reading.
    new = fresh(blog, "Evacuation ordered", pinned=True)
    button = reader.page.locator("[data-liveblog-new-button]")
    button.wait_for(state="visible", timeout=ARRIVAL_MS)

    assert button.inner_text() == "1 new update"
    assert button.evaluate("n => n.tagName") == "BUTTON"
    assert reader.page.title() == f"(1) {title}"
    assert reader.page.locator(f"[data-liveblog-list] #update-{new}").count() == 0
    assert reader.page.locator(f"#pinned-update-{new}").count() == 1
    reader.page.wait_for_function(
        "document.querySelector('[data-liveblog-announcer]').textContent === '1 new update'"
    )
    top_after = reader.page.eval_on_selector(
        anchor, "n => n.getBoundingClientRect().top"
    )
    assert abs(top_after - top_before) <= 1

    second = fresh(blog, "Shelters open at the stadium")
    reader.page.wait_for_function(
        "document.querySelector('[data-liveblog-new-button]').textContent === '2 new updates'",
        timeout=ARRIVAL_MS,
    )
    assert reader.page.title() == f"(2) {title}"

    button.click()
    assert reader.article_ids()[:2] == [second, new]
    assert reader.active_id() == f"update-{second}"
    assert button.is_hidden()
    assert reader.page.title() == title
    reader.page.wait_for_function(
        f"Math.abs(document.getElementById('update-{second}')"
        ".getBoundingClientRect().top) < 120"
    )
    assert reader.errors == []


def test_new_updates_button_works_by_keyboard(blog, reader):
    items = numbered_updates(20)
    blog = publish(blog, items)
    reader.open(blog.url)
    reader.page.evaluate("window.scrollTo(0, 2500)")
    new = fresh(blog, "Power restored downtown")
    reader.page.locator("[data-liveblog-new-button]").wait_for(
        state="visible", timeout=ARRIVAL_MS
    )
    reader.tab_to("[data-liveblog-new-button]")
    reader.page.keyboard.press("Enter")
    assert reader.article_ids()[0] == new
    assert reader.active_id() == f"update-{new}"
    assert reader.errors == []


def test_edits_change_in_place_and_removals_disappear(blog, reader):
    items = numbered_updates(4)
    items[1]["value"]["key_event"] = True
    items[2]["value"]["pinned"] = True
    blog = publish(blog, items)
    reader.open(blog.url)
    edited, removed = items[0]["id"], items[1]["id"]
    # Mark the article element so we can tell it was changed, not replaced.
    reader.page.eval_on_selector(f"#update-{edited}", "n => { n.__marker = 'same'; }")

    user = editor()
    editing.edit_update(
        blog,
        edited,
        user=user,
        headline="Update 4 (corrected)",
        body=[text("<p>The bridge reopened at noon.</p>")],
    )
    editing.remove_update(blog, removed, user=user)
    # Unpinned: the Pinned section goes.
    editing.edit_update(blog, items[2]["id"], user=user, pinned=False)

    # The three changes may come in one poll or in two: wait for the last.
    reader.page.wait_for_selector(
        "[data-liveblog-pinned]", state="detached", timeout=ARRIVAL_MS
    )
    assert reader.page.locator(f"#update-{removed}").count() == 0
    article = reader.page.locator(f"#update-{edited}")
    assert "Update 4 (corrected)" in article.inner_text()
    assert "The bridge reopened at noon." in article.inner_text()
    assert article.evaluate("n => n.__marker") == "same"
    assert reader.article_ids() == [edited, items[2]["id"], items[3]["id"]]
    # The removed key event left the key events list (and its last entry
    # took the section with it); the unpinned update left the Pinned section.
    assert reader.page.locator("[data-liveblog-key-events]").count() == 0
    assert reader.errors == []


def test_unpublished_update_disappears_and_comes_back_in_place(blog, reader):
    items = numbered_updates(4)
    blog = publish(blog, items)
    reader.open(blog.url)
    target = items[1]["id"]

    LiveBlogUpdate.objects.get(pk=target).unpublish()
    reader.page.wait_for_selector(
        f"#update-{target}", state="detached", timeout=ARRIVAL_MS
    )
    assert reader.article_ids() == [items[0]["id"], items[2]["id"], items[3]["id"]]

    LiveBlogUpdate.objects.get(pk=target).get_latest_revision().publish(user=editor())
    reader.page.wait_for_selector(f"#update-{target}", timeout=ARRIVAL_MS)
    # Back where it was by its time, not announced as a new update.
    assert reader.article_ids() == [i["id"] for i in items]
    assert reader.page.locator("[data-liveblog-new-button]").is_hidden()
    assert reader.errors == []


def test_drafts_and_scheduled_updates_never_reach_an_open_page(blog, reader):
    items = numbered_updates(2)
    blog = publish(blog, items)
    reader.open(blog.url)
    post(blog, "SECRET draft", publish=False)
    post(blog, "SECRET scheduled", go_live_at=timezone.now() + timedelta(hours=1))
    editing.edit_update(
        blog, items[0]["id"], user=editor(), headline="SECRET edit", publish=False
    )
    # A published update after them: once it is shown, the polls that
    # carried it would have carried the others too.
    shown = fresh(blog, "Published after them")
    reader.page.wait_for_selector(f"#update-{shown}", timeout=ARRIVAL_MS)
    assert reader.article_ids() == [shown] + [i["id"] for i in items]
    assert "SECRET" not in reader.page.content()
    assert reader.errors == []


def test_key_events_and_pinned_sections_appear_when_needed(blog, reader):
    items = numbered_updates(2)
    blog = publish(blog, items)
    reader.open(blog.url)
    new = fresh(blog, "Dam holds", key_event=True, pinned=True)
    reader.page.wait_for_selector(f"#update-{new}", timeout=ARRIVAL_MS)
    key_events = reader.page.locator("[data-liveblog-key-events] li")
    assert key_events.count() == 1
    assert "Dam holds" in key_events.inner_text()
    assert key_events.locator("a").get_attribute("href").endswith(f"#update-{new}")
    assert (
        reader.page.locator(f"[data-liveblog-pinned] #pinned-update-{new}").count() == 1
    )
    assert reader.errors == []


def test_times_are_clock_times_with_how_long_ago_beside(blog, reader):
    now = timezone.now()
    blog = publish(
        blog,
        [
            update("Five minutes", posted_at=now - timedelta(minutes=5)),
            update("Two hours", posted_at=now - timedelta(hours=2, minutes=5)),
            update("Last week", posted_at=now - timedelta(days=7)),
        ],
    )
    reader.open(blog.url)
    times = reader.page.locator("[data-liveblog-list] time[data-liveblog-time]")
    texts = times.all_inner_texts()
    # The links keep an absolute time as their name: the clock time in the
    # reader's time zone (Chromium's here: UTC), with the day when not today.
    assert texts[0] == (now - timedelta(minutes=5)).strftime("%-I:%M %p")
    last_week = now - timedelta(days=7)
    assert (
        texts[2] == last_week.strftime("%b %-d, %-I:%M %p")
        or str(last_week.year) in texts[2]
    )
    # Beside them, how long ago (Intl.RelativeTimeFormat in the page's
    # language, "en": short forms) for the last twelve hours only.
    ago = reader.page.locator("[data-liveblog-list] [data-liveblog-ago]")
    assert ago.nth(0).inner_text() == "5 min. ago"
    assert ago.nth(1).inner_text() == "2 hr. ago"
    assert ago.nth(2).is_hidden()
    assert all(times.nth(i).get_attribute("title") for i in range(3))
    links = reader.page.locator("[data-liveblog-list] a.liveblog-update__permalink")
    assert links.nth(0).inner_text() == texts[0]
    assert reader.errors == []


def test_polling_stops_after_the_blog_ends(blog, reader):
    blog.coverage_start = timezone.now() - timedelta(hours=2)
    blog = publish(blog, numbered_updates(2))
    statuses = []
    reader.page.on(
        "response",
        lambda response: "/poll/" in response.url and statuses.append(response.status),
    )
    reader.open(blog.url)
    reader.page.wait_for_timeout(POLL_INTERVAL * 1000 * 2.5)
    assert reader.polls, "the page should poll while the blog is live"
    # Nothing changed: the second poll on carries If-None-Match and gets 304.
    assert statuses[0] == 200 and 304 in statuses[1:]

    blog.coverage_end = timezone.now() - timedelta(seconds=1)
    publish(blog)
    reader.page.wait_for_selector(".liveblog-badge--ended", timeout=ARRIVAL_MS)
    assert reader.page.locator(".liveblog-badge--live").count() == 0
    assert reader.page.get_attribute("[data-liveblog]", "data-status") == "ended"

    polls_at_end = len(reader.polls)
    reader.page.wait_for_timeout(POLL_INTERVAL * 1000 * 3)
    assert len(reader.polls) == polls_at_end
    assert reader.errors == []


def test_backs_off_on_errors_and_recovers(blog, reader):
    blog = publish(blog, numbered_updates(2))
    failing = {"on": True}

    def handle(route):
        if failing["on"]:
            route.fulfill(status=503, body="down")
        else:
            route.continue_()

    reader.page.route("**/poll/**", handle)
    reader.open(blog.url)
    reader.page.wait_for_timeout(4500)
    # The 1 s interval doubles on each failure (2 s, then 4 s): two tries in
    # 4.5 s where steady polling would have made four.
    assert len(reader.polls) == 2
    failing["on"] = False
    new = fresh(blog, "Back online")
    reader.page.wait_for_selector(f"#update-{new}", timeout=6000)
    # Chromium logs the failed fetches (503) as console errors; nothing else.
    assert all("503" in error for error in reader.errors)


HIDE = """() => {
  window.__hidden = true;
  Object.defineProperty(document, "hidden", {configurable: true, get: () => window.__hidden});
}"""


def test_hidden_tab_polls_less_and_catches_up_when_shown(blog, reader):
    blog = publish(blog, numbered_updates(2))
    reader.page.add_init_script(f"({HIDE})()")
    reader.open(blog.url)
    reader.page.wait_for_timeout(POLL_INTERVAL * 1000 * 3.8)
    # Hidden: every 4 s (±20%) instead of every second.
    assert len(reader.polls) <= 1

    reader.polls.clear()
    reader.page.evaluate(
        "window.__hidden = false; document.dispatchEvent(new Event('visibilitychange'))"
    )
    reader.page.wait_for_timeout(400)
    assert len(reader.polls) == 1  # at once, not after the next interval
    assert reader.errors == []


def test_follows_the_poll_interval_the_server_sends(blog, reader):
    blog = publish(blog, numbered_updates(2))

    def slower(route):
        response = route.fetch()
        if response.status != 200:
            route.fulfill(response=response)
            return
        payload = response.json()
        payload["meta"]["poll_interval"] = 4
        route.fulfill(response=response, json=payload)

    reader.page.route("**/poll/**", slower)
    reader.open(blog.url)
    reader.page.wait_for_timeout(POLL_INTERVAL * 1000 * 1.3)  # first poll
    reader.polls.clear()
    reader.page.wait_for_timeout(2500)
    assert reader.polls == []  # the next one waits 3.2 to 4.8 s, not 1 s
    assert reader.errors == []


def test_editing_the_last_update_shown_keeps_it_in_place(blog, reader):
    """The oldest update on screen, with older ones still to load, is edited:
    it stays where it is (the page's "+00:00" times and the poll's "Z" times
    are the same instants)."""
    items = numbered_updates(25)
    blog = publish(blog, items)
    reader.open(blog.url)
    last = items[19]["id"]
    assert reader.article_ids()[-1] == last

    editing.edit_update(blog, last, user=editor(), headline="Update 6 (corrected)")

    reader.page.wait_for_function(
        f"document.querySelector('#update-{last}') &&"
        f" document.querySelector('#update-{last}').innerText.includes('corrected')",
        timeout=ARRIVAL_MS,
    )
    assert reader.article_ids() == [i["id"] for i in items[:20]]
    assert reader.errors == []
