"""The reader page's views without JavaScript: key events only
(``?filter=key-events``) and oldest first (``?order=oldest`` with ``after=``
windows), their load more (page and fragment), share links inside them,
their toggles, what each view leaves out, bad parameters, and the queries
behind them (one indexed query per window)."""

from __future__ import annotations

import html as htmllib
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.browser.demo import publish_forty_five
from tests.factories import editor, image, make_image, numbered_updates, publish, text
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.reading import queries

pytestmark = pytest.mark.django_db

ARTICLE = re.compile(r'<article id="update-([0-9a-f-]{36})"')
MORE_LINK = re.compile(r'<a class="liveblog__more-link" href="([^"]+)"')
FRAGMENT_URL = re.compile(r'data-fragment-url="([^"]+)"')
AT_UPDATES = "#liveblog-updates"


def get_html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def ids(html: str) -> list[str]:
    return ARTICLE.findall(html)


def more_href(html: str) -> str | None:
    found = MORE_LINK.search(html)
    return htmllib.unescape(found.group(1)) if found else None


def fragment_href(html: str) -> str | None:
    found = FRAGMENT_URL.search(html)
    return htmllib.unescape(found.group(1)) if found else None


def number(items: list[dict], update_id: str) -> int:
    item = next(i for i in items if i["id"] == update_id)
    return int(item["value"]["headline"].split()[-1])


def walk(client, url: str, limit: int = 10) -> tuple[list[str], list[str]]:
    """Follow "Load more" links from ``url``: every id shown, and the pages'
    HTML."""
    seen, pages = [], []
    while url:
        html = get_html(client, url)
        pages.append(html)
        seen.extend(ids(html))
        url = more_href(html)
        assert len(pages) <= limit
    return seen, pages


@pytest.fixture
def blog45(blog):
    return publish_forty_five(blog)


# -- key events only -------------------------------------------------------------


def test_key_events_view_shows_exactly_the_key_events_newest_first(blog45, client):
    page, items = blog45
    html = get_html(client, f"{page.url}?filter=key-events")
    assert [number(items, i) for i in ids(html)] == [40, 30, 20, 10]
    assert "You have reached the first key event." in html
    # The key-events list would repeat them: it is left out, as are pinned.
    assert "data-liveblog-key-events" not in html
    assert "data-liveblog-pinned" not in html
    # The key points stay on top.
    assert html.index("data-liveblog-summary") < html.index("<article")


def test_key_events_load_more_stays_within_the_filter(blog45, client, settings):
    settings.WAGTAIL_LIVEBLOG = {"PAGE_SIZE": 3}
    page, items = blog45
    first = get_html(client, f"{page.url}?filter=key-events")
    last_shown = ids(first)[-1]
    assert more_href(first) == (
        f"{page.url}?filter=key-events&before={last_shown}{AT_UPDATES}"
    )
    assert fragment_href(first) == (
        f"{page.url}updates/?filter=key-events&before={last_shown}"
    )
    assert "Load more key events" in first

    seen, pages = walk(client, f"{page.url}?filter=key-events")
    assert [number(items, i) for i in seen] == [40, 30, 20, 10]
    assert len(pages) == 2
    assert "Back to the latest key events" in pages[1]
    assert f'href="{page.url}?filter=key-events"' in pages[1]

    fragment = get_html(client, fragment_href(first))
    assert ids(fragment) == ids(pages[1])
    assert "<html" not in fragment


def test_a_key_event_share_link_opens_its_window_among_key_events(
    blog45, client, settings
):
    settings.WAGTAIL_LIVEBLOG = {"PAGE_SIZE": 3}
    page, items = blog45
    ten = next(i["id"] for i in items if number(items, i["id"]) == 10)
    html = get_html(client, f"{page.url}?filter=key-events&update={ten}")
    assert [number(items, i) for i in ids(html)] == [10]
    assert "liveblog-update--target" in html
    # A share link to an update that is not a key event shows it among all.
    five = next(i["id"] for i in items if number(items, i["id"]) == 5)
    html = get_html(client, f"{page.url}?filter=key-events&update={five}")
    assert five in ids(html)
    assert [number(items, i) for i in ids(html)] == [6, 5, 4]


def test_a_blog_without_key_events_says_so_in_the_filter(blog, client):
    page = publish(blog, numbered_updates(3))
    html = get_html(client, f"{page.url}?filter=key-events")
    assert ids(html) == []
    assert "No key events yet" in html
    # Without key events the default view offers no key-events toggle...
    default = get_html(client, page.url)
    assert 'data-liveblog-toggle="filter"' not in default
    # ...but the filtered view keeps it, to leave the filter.
    assert 'data-liveblog-toggle="filter"' in html


# -- oldest first ---------------------------------------------------------------


def test_oldest_first_starts_with_the_first_update(blog45, client):
    page, items = blog45
    html = get_html(client, f"{page.url}?order=oldest")
    assert [number(items, i) for i in ids(html)] == list(range(1, 21))
    assert "Back to the start" not in html  # this is the start
    assert "data-liveblog-pinned" not in html
    assert 'data-latest="false"' in html  # new updates do not come in at the top


def test_oldest_first_load_more_walks_forward_with_after(blog45, client):
    page, items = blog45
    first = get_html(client, f"{page.url}?order=oldest")
    twentieth = ids(first)[-1]
    assert more_href(first) == f"{page.url}?order=oldest&after={twentieth}{AT_UPDATES}"
    assert fragment_href(first) == f"{page.url}updates/?order=oldest&after={twentieth}"

    seen, pages = walk(client, f"{page.url}?order=oldest")
    assert [number(items, i) for i in seen] == list(range(1, 46))
    assert len(pages) == 3
    assert "You have reached the latest update." in pages[-1]
    assert "Back to the start" in pages[1]

    fragment = get_html(client, fragment_href(first))
    assert [number(items, i) for i in ids(fragment)] == list(range(21, 41))


def test_key_events_oldest_first(blog45, client):
    page, items = blog45
    html = get_html(client, f"{page.url}?filter=key-events&order=oldest")
    assert [number(items, i) for i in ids(html)] == [10, 20, 30, 40]
    assert "You have reached the latest update." in html


def test_a_share_link_in_oldest_order_opens_its_window(blog45, client):
    page, items = blog45
    thirty = next(i["id"] for i in items if number(items, i["id"]) == 30)
    html = get_html(client, f"{page.url}?order=oldest&update={thirty}")
    assert [number(items, i) for i in ids(html)] == list(range(21, 41))
    assert "Back to the start" in html


def test_an_update_published_later_is_at_the_end_of_oldest_first(blog45, client):
    page, items = blog45
    new_id = editing.post_update(page, user=editor(), headline="Latest")
    seen, _pages = walk(client, f"{page.url}?order=oldest")
    assert seen[-1] == new_id
    assert seen[:-1] == [i["id"] for i in reversed(items)]


def test_windows_survive_removals_while_walking(blog45, client):
    """A reader part-way through oldest first still gets every update that
    remains after the one they last saw, even if that one was removed."""
    page, items = blog45
    first = get_html(client, f"{page.url}?order=oldest")
    cursor = ids(first)[-1]
    editing.remove_update(page, cursor, user=editor())
    html = get_html(client, more_href(first))
    assert [number(items, i) for i in ids(html)] == list(range(21, 41))


# -- toggles ----------------------------------------------------------------------


def toggle(html: str, name: str) -> str:
    button = re.search(rf'<button [^>]*data-liveblog-toggle="{name}"[^>]*>', html)
    assert button, name
    return button.group(0)


def form_of(html: str, name: str) -> str:
    forms = re.findall(r"<form .*?</form>", html, re.S)
    return next(f for f in forms if f'data-liveblog-toggle="{name}"' in f)


@pytest.mark.parametrize(
    ("query", "key_events", "oldest"),
    [
        ("", False, False),
        ("?filter=key-events", True, False),
        ("?order=oldest", False, True),
        ("?filter=key-events&order=oldest", True, True),
        ("?order=newest", False, False),
    ],
)
def test_toggles_say_which_view_shows_and_lead_to_the_other(
    blog45, client, query, key_events, oldest
):
    page, _items = blog45
    html = get_html(client, f"{page.url}{query}")
    filter_button = toggle(html, "filter")
    order_button = toggle(html, "order")
    assert f'aria-pressed="{str(key_events).lower()}"' in filter_button
    assert f'aria-pressed="{str(oldest).lower()}"' in order_button
    assert ">Key events only<" in form_of(html, "filter")
    assert ">Oldest first<" in form_of(html, "order")
    # Pressing a toggle submits the other view's state along: a GET form,
    # with the toggle's own parameter only when it turns the view on.
    filter_form, order_form = form_of(html, "filter"), form_of(html, "order")
    assert f'action="{page.url}"' in filter_form and 'method="get"' in filter_form
    assert ('name="filter" value="key-events"' in filter_button) is not key_events
    assert ('name="order" value="oldest"' in filter_form) is oldest
    assert ('name="order" value="oldest"' in order_button) is not oldest
    assert ('name="filter" value="key-events"' in order_form) is key_events


# -- the key-events list ------------------------------------------------------------


def test_the_key_events_list_shows_the_newest_few_then_all(blog45, client, settings):
    settings.WAGTAIL_LIVEBLOG = {"KEY_EVENTS_SHOWN": 3}
    page, items = blog45
    html = get_html(client, page.url)
    nav = html.split('class="liveblog__key-events"', 1)[1].split("</nav>", 1)[0]
    listed = re.findall(r'<li data-update-id="([0-9a-f-]{36})"', nav)
    assert [number(items, i) for i in listed] == [40, 30, 20]
    assert f'<a href="{page.url}?filter=key-events">All key events</a>' in nav
    # A disclosure, closed as served (the script opens it on wide screens).
    assert "<details" in nav and "<details open" not in nav
    assert "<summary" in nav

    settings.WAGTAIL_LIVEBLOG = {"KEY_EVENTS_SHOWN": 4}
    nav = get_html(client, page.url).split('class="liveblog__key-events"', 1)[1]
    assert "All key events" not in nav.split("</nav>", 1)[0]


def test_at_most_max_pinned_newest_first(blog, client, settings):
    settings.WAGTAIL_LIVEBLOG = {"MAX_PINNED": 2}
    items = numbered_updates(5)
    for item in items[1:5]:
        item["value"]["pinned"] = True
    page = publish(blog, items)
    html = get_html(client, page.url)
    pinned = re.findall(r'<article id="pinned-update-([0-9a-f-]{36})"', html)
    assert pinned == [items[1]["id"], items[2]["id"]]


# -- bad parameters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?filter=keyevents", "filter"),
        ("?filter=", "filter"),
        ("?filter=KEY-EVENTS", "filter"),
        ("?order=backwards", "order"),
        ("?order=", "order"),
        ("?order=oldest&before={id}", "before"),
        ("?after={id}", "after"),
        ("?filter=key-events&after={id}", "after"),
        ("?order=oldest&after=nope", "after"),
        ("?order=oldest&after={unknown}", "after"),
        ("?filter=key-events&before=nope", "before"),
    ],
)
def test_bad_view_parameters_are_400_naming_them(blog45, client, query, parameter):
    page, items = blog45
    query = query.format(id=items[3]["id"], unknown=uuid.uuid4())
    html = get_html(client, f"{page.url}{query}", status=400)
    assert f"“{parameter}”" in html
    assert "<article" not in html
    response = client.get(f"{page.url}updates/{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?filter=key-events", "before"),
        ("?order=oldest", "after"),
        ("?order=oldest&after=", "after"),
        ("", "before"),
    ],
)
def test_the_fragment_needs_the_cursor_of_its_view(blog45, client, query, parameter):
    page, _items = blog45
    response = client.get(f"{page.url}updates/{query}")
    assert response.status_code == 400
    assert response.json() == {"message": "is required", "parameter": parameter}


# -- what these views read ----------------------------------------------------------


def test_new_views_never_read_update_bodies(blog45, client):
    page, items = blog45
    table = LiveBlogUpdate._meta.db_table
    pattern = re.compile(rf'"{table}"\."body"')
    some = items[20]["id"]
    for url in (
        f"{page.url}?filter=key-events",
        f"{page.url}?filter=key-events&before={some}",
        f"{page.url}?order=oldest",
        f"{page.url}?order=oldest&after={some}",
        f"{page.url}?order=oldest&update={some}",
        f"{page.url}updates/?filter=key-events&before={some}",
        f"{page.url}updates/?order=oldest&after={some}",
    ):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in captured if pattern.search(q["sql"])], url


def window_queries(client, url: str) -> list[str]:
    table = LiveBlogUpdate._meta.db_table
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in captured
        if f'FROM "{table}"' in q["sql"] and '"html"' in q["sql"]
    ]


@pytest.mark.parametrize(
    "query",
    ["?filter=key-events", "?order=oldest", "?filter=key-events&order=oldest"],
)
def test_each_window_is_one_query(blog45, client, query):
    """The page reads its updates with one query (plus the key-events list
    and pinned, which the default view reads too)."""
    page, _items = blog45
    html_reads = window_queries(client, f"{page.url}{query}")
    default_reads = window_queries(client, page.url)
    assert len(html_reads) == 1
    assert len(default_reads) == 2  # the window and pinned


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's plan format (PostgreSQL: docs)"
)
@pytest.mark.parametrize(
    ("key_events", "oldest_first"), [(True, False), (False, True), (True, True)]
)
def test_views_read_the_reading_index_in_order(blog45, key_events, oldest_first):
    page, items = blog45
    cursor = queries.find_cursor(page.pk, items[20]["id"])
    view = {"key_events": key_events, "oldest_first": oldest_first}
    beyond = queries._newer_q(cursor) if oldest_first else queries._seek_older_q(cursor)
    for qs in (
        queries.in_view(page.pk, **view)[:21],
        queries.in_view(page.pk, **view).filter(beyond)[:21],
    ):
        plan = qs.explain()
        # The reading index (or one like it for key events only, if added).
        assert "USING INDEX liveblog_update_" in plan, plan
        assert "TEMP B-TREE" not in plan, plan  # no sort: the index's order
    cursor_plan = queries.in_view(page.pk, **view).filter(beyond)[:21].explain()
    assert "posted_at" in cursor_plan  # seeks to the cursor


def test_key_event_window_functions(blog45):
    page, items = blog45
    ten = next(i for i in items if i["value"]["headline"] == "Update 30")
    cursor = queries.find_cursor(page.pk, ten["id"])
    before = queries.next_in_view(page.pk, cursor, 5, key_events=True)
    assert [u.headline for u in before] == ["Update 20", "Update 10"]
    after = queries.next_in_view(page.pk, cursor, 3, oldest_first=True)
    assert [u.headline for u in after] == ["Update 31", "Update 32", "Update 33"]


def test_images_do_not_change_the_filtered_windows(blog, client):
    """Pinned images and key events with pictures: the filter still shows
    only key events, in time order."""
    items = numbered_updates(4)
    items[1]["value"]["key_event"] = True
    items[1]["value"]["body"] = [
        text("<p>Flooding.</p>"),
        image(make_image(), credit="Reuters"),
    ]
    page = publish(blog, items)
    assert ids(get_html(client, f"{page.url}?filter=key-events")) == [items[1]["id"]]
