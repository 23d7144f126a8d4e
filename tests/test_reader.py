"""The reader page: windows, load more without JavaScript, permalinks, the
fragment route, pinned and key events, key points, images and quotes, bad
input; drafts and scheduled updates kept off every reader route; aliases;
the page editor's preview and an update's own preview."""

from __future__ import annotations

import html as htmllib
import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from tests.factories import (
    BASE_TIME,
    LiveBlogPageFactory,
    editor,
    image,
    make_image,
    numbered_updates,
    post,
    publish,
    quote,
    text,
    update,
)
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogPage, LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version

pytestmark = pytest.mark.django_db

ARTICLE = re.compile(r'<article id="update-([0-9a-f-]{36})"')
MORE_LINK = re.compile(r'<a class="liveblog__more-link" href="([^"]+)"')
# Load more without JavaScript opens the next window at its updates.
AT_UPDATES = "#liveblog-updates"


def article_ids(html: str) -> list[str]:
    return ARTICLE.findall(html)


def more_href(html: str) -> str | None:
    found = MORE_LINK.search(html)
    return htmllib.unescape(found.group(1)) if found else None


def get_html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


@pytest.fixture(scope="module")
def items45(module_db):
    """45 updates one minute apart, newest first; #40 has a Reuters image,
    #38 a quote, #36 is pinned, #30 and #12 are key events."""
    items = numbered_updates(45)
    by_number = {int(i["value"]["headline"].split()[-1]): i for i in items}
    by_number[40]["value"]["body"] = [
        text("<p>The bridge at Millbrook is under water.</p>"),
        image(make_image(), credit="Reuters", caption="The Millbrook bridge at noon"),
    ]
    by_number[38]["value"]["body"] = [
        quote("We have never seen the river this high.", "Mayor Ana Reyes")
    ]
    by_number[36]["value"]["pinned"] = True
    by_number[30]["value"]["key_event"] = True
    by_number[12]["value"]["key_event"] = True
    return items


@pytest.fixture(scope="module")
def _blog45_id(module_db, items45):
    """Built once for the module (the costliest setup of the suite)."""
    home = Site.objects.get(is_default_site=True).root_page
    return publish(LiveBlogPageFactory(parent=home), items45).pk


@pytest.fixture
def blog45(db, _blog45_id):
    return LiveBlogPage.objects.get(pk=_blog45_id)


def newest_first_ids(items) -> list[str]:
    return [i["id"] for i in items]


# -- first page and load more ------------------------------------------------


def test_first_page_shows_newest_window(blog45, items45, client):
    html = get_html(client, blog45.url)
    assert article_ids(html) == newest_first_ids(items45)[:20]
    first = items45[0]
    article = html.split(f'<article id="update-{first["id"]}"', 1)[1].split(
        "</article>"
    )[0]
    posted = BASE_TIME + timedelta(minutes=45)
    assert f'datetime="{posted.isoformat()}"' in article
    assert "Update 45" in article
    assert more_href(html) == f"{blog45.url}?before={items45[19]['id']}{AT_UPDATES}"


def test_load_more_walks_all_updates_without_overlap_or_gap(blog45, items45, client):
    seen: list[str] = []
    url = blog45.url
    pages = 0
    while url:
        html = get_html(client, url)
        ids = article_ids(html)
        assert ids, url
        seen.extend(ids)
        url = more_href(html)
        pages += 1
        assert pages <= 5
    assert pages == 3
    assert seen == newest_first_ids(items45)
    assert len(set(seen)) == 45
    assert "You have reached the first update." in html
    assert "Load more updates" not in html


def test_older_window_links_back_to_latest(blog45, items45, client):
    html = get_html(client, f"{blog45.url}?before={items45[19]['id']}")
    assert "Back to the latest updates" in html
    assert 'id="pinned-update-' not in html


def test_fragment_returns_the_same_next_window(blog45, items45, client):
    cursor = items45[19]["id"]
    page_html = get_html(client, f"{blog45.url}?before={cursor}")
    response = client.get(f"{blog45.url}updates/?before={cursor}")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert (
        article_ids(fragment)
        == article_ids(page_html)
        == newest_first_ids(items45)[20:40]
    )
    assert more_href(fragment) == f"{blog45.url}?before={items45[39]['id']}{AT_UPDATES}"
    assert "<html" not in fragment


def test_load_more_from_a_removed_update_still_works(blog45, items45, client):
    removed = items45[19]
    publish(blog45, [i for i in items45 if i is not removed])
    html = get_html(client, f"{blog45.url}?before={removed['id']}")
    assert article_ids(html) == newest_first_ids(items45)[20:40]


# -- permalinks ---------------------------------------------------------------


def test_permalink_opens_the_page_aligned_window(blog45, items45, client):
    target = items45[29]  # the 30th newest
    html = get_html(client, f"{blog45.url}?update={target['id']}")
    assert article_ids(html) == newest_first_ids(items45)[20:40]
    assert re.search(
        rf'<article id="update-{target["id"]}" class="[^"]*liveblog-update--target',
        html,
    )
    assert html.count("liveblog-update--target") == 1
    assert more_href(html) == f"{blog45.url}?before={items45[39]['id']}{AT_UPDATES}"
    assert "Back to the latest updates" in html


def test_permalink_to_a_newest_update_is_the_first_page(blog45, items45, client):
    html = get_html(client, f"{blog45.url}?update={items45[3]['id']}")
    assert article_ids(html) == newest_first_ids(items45)[:20]
    assert "Back to the latest updates" not in html


def test_permalink_to_removed_update_shows_latest_with_notice(blog45, items45, client):
    removed = items45[29]
    remaining = [i for i in items45 if i is not removed]
    publish(blog45, remaining)
    html = get_html(client, f"{blog45.url}?update={removed['id']}")
    assert "no longer available" in html
    assert article_ids(html) == newest_first_ids(remaining)[:20]


def test_permalink_to_unknown_update_shows_latest_with_notice(blog45, items45, client):
    html = get_html(client, f"{blog45.url}?update={uuid.uuid4()}")
    assert "no longer available" in html
    assert article_ids(html) == newest_first_ids(items45)[:20]


# -- bad input ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["before", "update"])
def test_malformed_id_on_page_is_400_naming_it(blog45, client, name):
    html = get_html(client, f"{blog45.url}?{name}=not-an-id", status=400)
    assert f"“{name}”" in html
    assert "<article" not in html


def test_unknown_before_id_is_400(blog45, client):
    html = get_html(client, f"{blog45.url}?before={uuid.uuid4()}", status=400)
    assert "“before”" in html


def test_before_id_of_another_blog_is_400(blog45, home, client):
    from tests.factories import LiveBlogPageFactory

    other_items = numbered_updates(2)
    publish(LiveBlogPageFactory(parent=home), other_items)
    get_html(client, f"{blog45.url}?before={other_items[0]['id']}", status=400)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("?before=nope", "before"), ("", "before"), ("?before=", "before")],
)
def test_fragment_bad_input_is_json_400(blog45, client, query, parameter):
    response = client.get(f"{blog45.url}updates/{query}")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "parameter"}
    assert body["parameter"] == parameter
    assert body["message"]


def test_fragment_unknown_before_is_json_400(blog45, client):
    response = client.get(f"{blog45.url}updates/?before={uuid.uuid4()}")
    assert response.status_code == 400
    assert response.json()["parameter"] == "before"


ODD_VALUES = [
    "",
    " ",
    "x" * 5000,
    "é€😀",
    "%00",
    "%ZZ",
    "00000000-0000-0000-0000-000000000000",
    "{12345678-1234-5678-1234-567812345678}",
    "1",
    "-1",
    "null",
    "<script>alert(1)</script>",
]


def answer_to_odd(route: str, name: str, value: str) -> int:
    """The status each odd value gets: the page shows an update given by a
    UUID (found or not) and ignores ``since``; the fragment needs a
    ``before`` of this blog; the poll needs a ``since`` version."""
    if route == "":
        if name == "since":
            return 200
        if name == "update":
            try:
                uuid.UUID(value)
            except ValueError:
                return 400
            return 200
        return 400  # no update of this blog is before any of them
    if route == "poll/":
        return 200 if (name, value) == ("since", "1") else 400
    return 400


@pytest.mark.parametrize("route", ["", "updates/", "poll/"])
def test_odd_query_values_never_500(blog, client, route):
    from urllib.parse import quote as urlquote

    publish(blog, numbered_updates(3))
    for name in ("before", "update", "since"):
        for value in ODD_VALUES:
            encoded = value if value.startswith("%") else urlquote(value)
            url = f"{blog.url}{route}?{name}={encoded}"
            response = client.get(url)
            expected = answer_to_odd(route, name, value)
            assert response.status_code == expected, url[:120]
            if response.status_code == 400 and route:
                assert response.json()["parameter"] in ("before", "since"), url


def test_repeated_and_mixed_parameters_never_500(blog, client):
    items = numbered_updates(3)
    publish(blog, items)
    a, b = items[0]["id"], items[1]["id"]
    for query, on_the_page, in_the_fragment in [
        (f"?before={a}&before={b}", 200, 200),  # the last one counts
        (f"?before={a}&before=junk", 400, 400),
        (f"?update={a}&update=junk", 400, 400),
        (f"?before={a}&update={b}", 200, 200),  # both are updates of this blog
        ("?before&update", 400, 400),
        ("?=&&&", 200, 400),  # the fragment needs a before
        ("?" + "&".join(f"before={a}" for _ in range(200)), 200, 200),
    ]:
        assert client.get(f"{blog.url}{query}").status_code == on_the_page, query
        response = client.get(f"{blog.url}updates/{query}")
        assert response.status_code == in_the_fragment, query


# -- empty, pinned, key events -------------------------------------------------


def test_empty_blog_says_no_updates_yet(blog, client):
    page = publish(blog, [])
    html = get_html(client, page.url)
    assert "No updates yet" in html
    assert article_ids(html) == []
    assert "Load more updates" not in html


def test_pinned_update_on_top_and_in_the_list(blog45, items45, client):
    pinned = items45[9]  # update 36
    html = get_html(client, blog45.url)
    top = html.index(f'id="pinned-update-{pinned["id"]}"')
    assert top < html.index('<article id="update-')
    assert pinned["id"] in article_ids(html)
    assert html.count('id="pinned-update-') == 1


def test_pinned_update_is_a_teaser_and_its_list_copy_a_stub(blog45, items45, client):
    pinned = items45[9]["id"]  # update 36
    html = get_html(client, blog45.url)
    teaser = html.split('class="liveblog-pinned liveblog-pinned--collapsed"', 1)[1]
    teaser = teaser.split("</section>", 1)[0]
    # "Show more" opens it without JavaScript (CSS :target).
    assert f'<a class="liveblog-pinned__more" href="#pinned-update-{pinned}"' in teaser
    assert ">Show more</a>" in teaser
    # The list keeps a stub at the update's place: its permalink still
    # lands there, and it leads up to the pinned copy.
    stub = html.split(f'<article id="update-{pinned}"', 1)[1].split("</article>")[0]
    assert "liveblog-update--stub" in stub
    assert f'<a href="#pinned-update-{pinned}">Read it above, in Pinned</a>' in stub
    assert html.count("liveblog-update--stub") == 1
    # Other views have no Pinned section, so the update shows in full there.
    for query in ("?order=oldest", f"?before={items45[5]['id']}"):
        assert "liveblog-update--stub" not in get_html(client, blog45.url + query)


def test_key_events_link_to_their_permalinks(blog45, items45, client):
    html = get_html(client, blog45.url)
    nav = html.split('class="liveblog__key-events"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)"', nav)
    expected = [items45[15]["id"], items45[33]["id"]]  # updates 30 and 12
    assert links == [f"?update={i}#update-{i}" for i in expected]
    assert "Update 30" in nav and "Update 12" in nav
    # Each link opens a page that holds the update.
    for update_id in expected:
        assert update_id in article_ids(
            get_html(client, f"{blog45.url}?update={update_id}")
        )


def test_page_size_setting_changes_the_window(blog45, items45, client, settings):
    settings.WAGTAIL_LIVEBLOG = {"PAGE_SIZE": 7}
    html = get_html(client, blog45.url)
    assert article_ids(html) == newest_first_ids(items45)[:7]
    assert more_href(html) == f"{blog45.url}?before={items45[6]['id']}{AT_UPDATES}"
    html = get_html(client, f"{blog45.url}?update={items45[29]['id']}")
    assert article_ids(html) == newest_first_ids(items45)[28:35]


# -- images and quotes -----------------------------------------------------------


def test_image_renders_srcset_size_credit_and_caption(blog45, items45, client):
    html = get_html(client, blog45.url)
    article = html.split(f'id="update-{items45[5]["id"]}"', 1)[1].split("</article>")[0]
    img = re.search(r"<img [^>]+>", article).group(0)
    srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    assert [c.split()[-1] for c in srcset.split(", ")] == ["480w", "800w", "1200w"]
    assert 'width="1200"' in img and 'height="675"' in img
    assert re.search(r'alt="[^"]+"', img)
    assert "Credit: Reuters" in article
    assert "The Millbrook bridge at noon" in article


def test_quote_renders_blockquote_with_attribution(blog45, items45, client):
    html = get_html(client, blog45.url)
    article = html.split(f'id="update-{items45[7]["id"]}"', 1)[1].split("</article>")[0]
    assert re.search(
        r"<blockquote[^>]*>.*We have never seen the river this high", article, re.S
    )
    assert "Mayor Ana Reyes" in article


def test_update_with_author_and_edit_shows_both(blog, client):
    item = update("Dam holding", author="Ana Reyes", posted_at=BASE_TIME)
    page = publish(blog, [item])
    item["value"]["headline"] = "Dam holding, engineers say"
    page = publish(page, [item])
    html = get_html(client, page.url)
    assert "By Ana Reyes" in html
    assert "Dam holding, engineers say" in html
    assert "liveblog-update__edited" in html


# -- the reader serves what was rendered at publish ---------------------------


def test_reader_routes_never_read_the_update_bodies(blog45, items45, client):
    """Every reader route serves the HTML and data stored when each update
    was published: none reads (let alone renders) an update's body."""
    table = LiveBlogUpdate._meta.db_table
    column = LiveBlogUpdate._meta.get_field("body").column
    pattern = re.compile(rf'"{table}"\."{column}"')
    urls = [
        blog45.url,
        f"{blog45.url}?before={items45[19]['id']}",
        f"{blog45.url}?update={items45[29]['id']}",
        f"{blog45.url}updates/?before={items45[19]['id']}",
        f"{blog45.url}poll/?since=0",
        f"{blog45.url}feed/",
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        offending = [q["sql"] for q in queries if pattern.search(q["sql"])]
        assert offending == [], url


def test_windows_exactly_filled_end_without_an_empty_page(blog, client, settings):
    settings.WAGTAIL_LIVEBLOG = {"PAGE_SIZE": 5}
    items = numbered_updates(10)
    page = publish(blog, items)
    first = get_html(client, page.url)
    second = get_html(client, more_href(first))
    assert article_ids(first) + article_ids(second) == newest_first_ids(items)
    assert more_href(second) is None
    assert "You have reached the first update." in second


def test_updates_with_the_same_time_walk_without_gap_or_overlap(blog, client, settings):
    """Updates back-dated to the same minute tie on ``posted_at``; their id
    breaks the tie, so paging back still shows each of them exactly once."""
    settings.WAGTAIL_LIVEBLOG = {"PAGE_SIZE": 5}
    items = [update(f"Bulletin {n}", posted_at=BASE_TIME) for n in range(12)]
    page = publish(blog, items)
    seen, url = [], page.url
    while url:
        html = get_html(client, url)
        seen.extend(article_ids(html))
        url = more_href(html)
    assert seen == sorted((i["id"] for i in items), reverse=True)


def test_updates_imported_together_keep_their_order(blog, client):
    """A bulk import without times (a backlog, oldest first) is shown in the
    order given: the newest last item first."""
    page = publish(blog, [])
    ids = editing.import_updates(
        page,
        user=editor(),
        updates=[{"headline": f"Bulletin {n}"} for n in range(1, 13)],
    )
    html = get_html(client, page.url)
    assert article_ids(html) == list(reversed(ids))


def test_restricted_blog_routes_show_no_updates(blog45, items45, client):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=blog45, restriction_type="password", password="storm"
    )
    cursor = items45[19]["id"]
    for url in (
        blog45.url,
        f"{blog45.url}?before={cursor}",
        f"{blog45.url}updates/?before={cursor}",
        f"{blog45.url}poll/?since=0",
    ):
        response = client.get(url)
        body = response.content.decode()
        assert "<article" not in body, url
        assert "Update 4" not in body, url
        assert "public" not in response.get("Cache-Control", ""), url


def test_page_preview_shows_draft_fields_with_the_published_updates(
    blog45, items45, client
):
    """The page editor's preview: the page's draft intro and key points over
    the published updates (never a draft update), without polling, and
    without publishing anything."""
    draft_update = post(blog45, "Draft: levee breach reported", publish=False)
    version = current_version(blog45.pk)
    draft = blog45.get_latest_revision_as_object()
    draft.intro = "<p>Draft intro: the second levee is failing.</p>"
    draft.summary = "<ul><li>Draft key point: evacuate Eastport</li></ul>"
    draft.save_revision()

    preview = draft.make_preview_request()
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Draft intro: the second levee is failing." in html
    assert "Draft key point: evacuate Eastport" in html
    assert article_ids(html) == newest_first_ids(items45)[:20]
    assert draft_update not in html
    assert 'id="liveblog-config"' not in html
    assert "liveblog.js" not in html
    assert "liveblog-badge--preview" in html
    # Nothing leads out of the preview to the public page.
    assert more_href(html) is None
    assert "You have reached the first update." not in html
    assert "application/ld+json" not in html

    assert current_version(blog45.pk) == version
    public = get_html(client, blog45.url)
    assert "second levee" not in public
    assert "evacuate Eastport" not in public


def preview_html(update_id: str) -> str:
    """The update's preview as the admin shows it: its latest version."""
    draft = LiveBlogUpdate.objects.get(pk=update_id).get_latest_revision_as_object()
    response = draft.make_preview_request()
    assert response.status_code == 200
    return response.content.decode()


def test_update_preview_shows_the_draft_at_the_top_of_the_blog(blog45, items45, client):
    draft_id = post(blog45, "Draft: levee breach reported", publish=False)
    version = current_version(blog45.pk)

    html = preview_html(draft_id)
    ids = article_ids(html)
    assert ids[0] == draft_id
    assert ids[1:] == newest_first_ids(items45)[:19]
    assert "Draft: levee breach reported" in html
    assert "liveblog-badge--preview" in html
    # No polling, no new-updates button, no load more, no feed or JSON-LD.
    assert 'id="liveblog-config"' not in html
    assert "liveblog.js" not in html
    assert "data-liveblog-new-button" not in html
    assert more_href(html) is None
    assert "You have reached the first update." not in html
    assert "application/ld+json" not in html
    assert "application/atom+xml" not in html

    assert current_version(blog45.pk) == version
    assert draft_id not in get_html(client, blog45.url)


def test_update_preview_of_a_draft_edit_shows_it_in_place(blog45, items45, client):
    edited = items45[4]  # update 41
    editing.edit_update(
        blog45,
        edited["id"],
        user=editor(),
        headline="Update 41 (draft correction)",
        publish=False,
    )
    html = preview_html(edited["id"])
    assert article_ids(html) == newest_first_ids(items45)[:20]
    article = html.split(f'id="update-{edited["id"]}"', 1)[1].split("</article>")[0]
    assert "Update 41 (draft correction)" in article
    # Readers still get the published version.
    public = get_html(client, blog45.url)
    assert "draft correction" not in public
    assert "Update 41" in public


def test_update_preview_of_a_pinned_key_event_shows_it_in_both_sections(blog45):
    draft_id = post(
        blog45, "Draft: curfew announced", publish=False, pinned=True, key_event=True
    )
    html = preview_html(draft_id)
    assert f'id="pinned-update-{draft_id}"' in html
    nav = html.split('class="liveblog__key-events"', 1)[1].split("</nav>", 1)[0]
    assert "Draft: curfew announced" in nav


def test_walk_stays_consistent_while_the_blog_changes(blog45, items45, client):
    """A reader paging back while reporters post and remove updates sees no
    duplicate and misses nothing that is still there."""
    first = get_html(client, blog45.url)
    seen = article_ids(first)
    removed = items45[30]["id"]
    fresh = update("Breaking: second levee fails")
    publish(blog45, [fresh, *[i for i in items45 if i["id"] != removed]])

    url = more_href(first)
    while url:
        html = get_html(client, url)
        seen.extend(article_ids(html))
        url = more_href(html)
    expected = [i for i in newest_first_ids(items45) if i != removed]
    assert seen == expected
    assert fresh["id"] in article_ids(get_html(client, blog45.url))


def test_missing_image_file_does_not_break_publishing(blog, client):
    """A picture whose file is gone (media not restored, storage outage) must
    not stop the blog from publishing: the update keeps its credit and caption."""
    lost = make_image(title="Lost picture")
    lost.file.storage.delete(lost.file.name)
    items = [
        update("Pictures from the coast", [image(lost, caption="The pier at dawn")]),
        *numbered_updates(2),
    ]
    page = publish(blog, items)
    html = get_html(client, page.url)
    assert article_ids(html) == newest_first_ids(items)
    article = html.split(f'id="update-{items[0]["id"]}"', 1)[1].split("</article>")[0]
    assert "Credit: Reuters" in article
    assert "The pier at dawn" in article
    assert "<img" not in article


def test_a_skip_link_leads_past_the_key_events_to_the_updates(blog, client):
    from tests.factories import numbered_updates, publish

    items = numbered_updates(3)
    items[0]["value"]["key_event"] = True
    blog = publish(blog, items)
    html = client.get(blog.url).content.decode()
    skip = html.index('href="#liveblog-updates"')
    assert (
        skip
        < html.index("data-liveblog-key-events")
        < html.index('id="liveblog-updates"')
    )


# -- key points ---------------------------------------------------------------


def test_key_points_show_above_the_updates(blog, client):
    blog.summary = "<ul><li>Evacuation widened</li><li>Bridge closed</li></ul>"
    page = publish(blog, numbered_updates(2))
    html = get_html(client, page.url)
    section = html.split('class="liveblog__summary"', 1)[1].split("</section>", 1)[0]
    assert "Key points" in section
    assert "<li>Evacuation widened</li>" in section
    assert html.index('class="liveblog__summary"') < html.index("<article")
    # A blog without key points has no empty box.
    page.summary = ""
    page = publish(page)
    assert "liveblog__summary" not in get_html(client, page.url)


# -- what is not published is on no reader route ------------------------------


def scheduled(page, headline: str) -> str:
    return post(page, headline, go_live_at=timezone.now() + timedelta(hours=2))


def test_drafts_and_scheduled_updates_are_on_no_reader_route(blog, client):
    items = numbered_updates(3)
    page = publish(blog, items)
    draft_id = post(page, "SECRET draft", publish=False)
    later_id = scheduled(page, "SECRET scheduled")
    # A published update's unpublished correction stays unpublished too.
    editing.edit_update(
        page, items[0]["id"], user=editor(), headline="SECRET edit", publish=False
    )
    published_ids = newest_first_ids(items)

    html = get_html(client, page.url)
    assert article_ids(html) == published_ids
    fragment = get_html(client, f"{page.url}updates/?before={items[0]['id']}")
    assert article_ids(fragment) == published_ids[1:]
    poll = client.get(f"{page.url}poll/?since=0").json()
    assert sorted(item["id"] for item in poll["items"]) == sorted(published_ids)
    feed = client.get(f"{page.url}feed/").content.decode()
    for body in (html, fragment, feed, str(poll)):
        assert "SECRET" not in body
        assert draft_id not in body and later_id not in body
    jsonld = re.search(r'type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "Update 3" in jsonld.group(1)


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_permalink_to_an_unpublished_update_is_like_a_missing_one(blog, client, kind):
    items = numbered_updates(3)
    page = publish(blog, items)
    if kind == "draft":
        hidden = post(page, "SECRET draft", publish=False)
    else:
        hidden = scheduled(page, "SECRET scheduled")
    html = get_html(client, f"{page.url}?update={hidden}")
    assert "no longer available" in html
    assert article_ids(html) == newest_first_ids(items)
    assert "SECRET" not in html
    assert "liveblog-update--target" not in html


def test_unpublished_update_leaves_the_page_and_comes_back(blog45, items45, client):
    target = items45[2]
    row = LiveBlogUpdate.objects.get(pk=target["id"])
    row.unpublish()
    html = get_html(client, blog45.url)
    assert target["id"] not in article_ids(html)
    assert "no longer available" in get_html(client, f"{blog45.url}?update={row.pk}")

    row = LiveBlogUpdate.objects.get(pk=target["id"])
    row.get_latest_revision().publish(user=editor())
    assert article_ids(get_html(client, blog45.url)) == newest_first_ids(items45)[:20]


# -- aliases ----------------------------------------------------------------------


def test_an_alias_shows_its_sources_updates(blog, home, client):
    items = numbered_updates(25)
    page = publish(blog, items)
    alias = page.create_alias(update_slug="storm-copy")
    assert alias.url != page.url

    html = get_html(client, alias.url)
    assert article_ids(html) == newest_first_ids(items)[:20]
    assert more_href(html) == f"{alias.url}?before={items[19]['id']}{AT_UPDATES}"
    fragment = get_html(client, f"{alias.url}updates/?before={items[19]['id']}")
    assert article_ids(fragment) == newest_first_ids(items)[20:]
    target = items[22]["id"]
    assert target in article_ids(get_html(client, f"{alias.url}?update={target}"))

    # What reporters post to the source reaches the alias's readers.
    version = client.get(f"{alias.url}poll/?since=0").json()["meta"]["version"]
    new_id = post(page, "Posted to the source")
    poll = client.get(f"{alias.url}poll/?since={version}").json()
    assert [item["id"] for item in poll["items"]] == [new_id]
    assert poll["items"][0]["url"] == (
        f"http://localhost{alias.url}?update={new_id}#update-{new_id}"
    )
    assert article_ids(get_html(client, alias.url))[0] == new_id
    feed = client.get(f"{alias.url}feed/").content.decode()
    assert "Posted to the source" in feed


def test_a_restriction_on_the_source_covers_its_alias(blog, client):
    from wagtail.models import PageViewRestriction

    page = publish(blog, [update("Members only")])
    alias = page.create_alias(update_slug="storm-copy")
    PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="storm"
    )
    for route in ("", "poll/?since=0", "feed/"):
        response = client.get(f"{alias.url}{route}")
        assert "Members only" not in response.content.decode(), route
        assert "public" not in response.get("Cache-Control", ""), route


# -- the script's configuration, "Last updated" ------------------------------------


def reader_config(html: str) -> dict:
    import json

    found = re.search(
        r'<script id="liveblog-config" type="application/json">(.*?)</script>', html
    )
    return json.loads(found.group(1))


def test_last_updated_near_the_title_and_in_the_config(blog45, client):
    from wagtail_liveblog.models.timeline import changed_at

    html = get_html(client, blog45.url)
    when = changed_at(blog45.pk)
    header = html.split('<header class="liveblog__header">', 1)[1].split("</h1>")[0]
    assert "Last updated" in header
    assert (
        f'datetime="{when.isoformat()}" data-liveblog-time data-liveblog-updated'
        in (header)
    )
    config = reader_config(html)
    assert config["lastUpdated"] == when.isoformat().replace("+00:00", "Z")
    # No event stream on this site (yet): the script polls.
    assert config["eventsUrl"] is None


def test_the_script_is_native_modules_preloaded(blog45, client):
    from django.contrib.staticfiles import finders

    from wagtail_liveblog.reader.views import READER_MODULES

    html = get_html(client, blog45.url)
    assert re.search(
        r'<script type="module" src="/static/wagtail_liveblog/liveblog.js"></script>',
        html,
    )
    preloaded = re.findall(r'<link rel="modulepreload" href="/static/([^"]+)">', html)
    assert preloaded == READER_MODULES
    # Every module the entry imports is preloaded, and exists.
    entry = finders.find("wagtail_liveblog/liveblog.js")
    with open(entry) as source:
        imported = re.findall(r'from "\./(reader/[a-z]+\.js)"', source.read())
    assert sorted(f"wagtail_liveblog/{name}" for name in imported) == sorted(
        READER_MODULES
    )
    assert all(finders.find(module) for module in READER_MODULES)
