"""A site's own page type built on ``LiveBlogPageMixin`` and its own base page
(tests/testapp ``ElectionNightPage``) gets the whole live blog."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ElectionNightPageFactory, numbered_updates, publish
from tests.testapp.models import ElectionNightPage, NewsBasePage
from wagtail_liveblog import timeline
from wagtail_liveblog.models import LiveBlogPageMixin

pytestmark = pytest.mark.django_db

ARTICLE = re.compile(r'<article id="update-([0-9a-f-]{36})"')


@pytest.fixture
def items():
    return numbered_updates(25)


@pytest.fixture
def election(home, items):
    page = ElectionNightPageFactory(
        parent=home, kicker="Results night", constituency_count=650
    )
    return publish(page, items)


def test_it_is_a_liveblog_on_the_sites_base_page():
    assert issubclass(ElectionNightPage, LiveBlogPageMixin)
    assert issubclass(ElectionNightPage, NewsBasePage)


def test_publishing_syncs_the_timeline(election, items):
    assert timeline.current_version(election.pk) == 1
    assert [str(e.update_id) for e in timeline.live_entries(election.pk)] == [
        i["id"] for i in items
    ]


def test_serves_its_own_template_with_the_liveblog(election, items, client):
    response = client.get(election.url)
    assert response.status_code == 200
    assert "testapp/election_night_page.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert '<p class="kicker">Results night</p>' in html
    assert "650 constituencies" in html
    assert ARTICLE.findall(html) == [i["id"] for i in items[:20]]
    assert f'href="{election.url}?before={items[19]["id"]}"' in html


def test_load_more_and_permalinks_work(election, items, client):
    html = client.get(f"{election.url}?before={items[19]['id']}").content.decode()
    assert ARTICLE.findall(html) == [i["id"] for i in items[20:]]
    assert "650 constituencies" in html
    fragment = client.get(f"{election.url}updates/?before={items[19]['id']}")
    assert fragment.status_code == 200
    assert ARTICLE.findall(fragment.content.decode()) == [i["id"] for i in items[20:]]
    html = client.get(f"{election.url}?update={items[22]['id']}").content.decode()
    assert items[22]["id"] in ARTICLE.findall(html)


def test_manager_defers_updates(election):
    page = ElectionNightPage.objects.get(pk=election.pk)
    assert "updates" in page.get_deferred_fields()
    assert "kicker" not in page.get_deferred_fields()


def test_reader_routes_do_not_read_the_stream(election, items, client):
    table = ElectionNightPage._meta.db_table
    pattern = re.compile(rf'"{table}"\."updates"')
    for url in (
        election.url,
        f"{election.url}?before={items[19]['id']}",
        f"{election.url}poll/?since=0",
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in queries if pattern.search(q["sql"])], url


def test_poll_route(election, items, client):
    response = client.get(f"{election.url}poll/?since=0")
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["version"] == 1
    assert body["meta"]["status"] == "live"
    assert body["deleted"] == []
    assert {i["id"] for i in body["items"]} == {i["id"] for i in items}

    draft = election.get_latest_revision_as_object()
    raw = list(draft.updates.raw_data)
    raw[0]["value"]["headline"] = "Exit poll corrected"
    removed = raw.pop(1)["id"]
    publish(draft, raw)

    body = client.get(f"{election.url}poll/?since=1").json()
    assert body["meta"]["version"] == 2
    assert [i["id"] for i in body["items"]] == [items[0]["id"]]
    assert "Exit poll corrected" in body["items"][0]["html"]
    assert body["deleted"] == [removed]

    bad = client.get(f"{election.url}poll/?since=abc")
    assert bad.status_code == 400
    assert bad.json()["parameter"] == "since"
