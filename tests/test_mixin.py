"""A site's own page type built on ``LiveBlogPageMixin`` and its own base page
(tests/testapp ``ElectionNightPage``) gets the whole live blog, in its own
template: the reader routes, the poll and an update's preview."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ElectionNightPageFactory,
    editor,
    numbered_updates,
    post,
    publish,
    published_updates,
)
from tests.testapp.models import ElectionNightPage, NewsBasePage
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogPageMixin, LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version

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


def test_its_updates_are_published(election, items):
    assert current_version(election.pk) > 0
    assert [str(u.id) for u in published_updates(election)] == [i["id"] for i in items]


def test_serves_its_own_template_with_the_liveblog(election, items, client):
    response = client.get(election.url)
    assert response.status_code == 200
    assert response.template_name == "testapp/election_night_page.html"
    html = response.content.decode()
    assert '<p class="kicker">Results night</p>' in html
    assert "650 constituencies" in html
    assert ARTICLE.findall(html) == [i["id"] for i in items[:20]]
    assert f'href="{election.url}?before={items[19]["id"]}#liveblog-updates"' in html


def test_load_more_and_permalinks_work(election, items, client):
    html = client.get(f"{election.url}?before={items[19]['id']}").content.decode()
    assert ARTICLE.findall(html) == [i["id"] for i in items[20:]]
    assert "650 constituencies" in html
    fragment = client.get(f"{election.url}updates/?before={items[19]['id']}")
    assert fragment.status_code == 200
    assert ARTICLE.findall(fragment.content.decode()) == [i["id"] for i in items[20:]]
    html = client.get(f"{election.url}?update={items[22]['id']}").content.decode()
    assert items[22]["id"] in ARTICLE.findall(html)


def test_reader_routes_never_read_the_update_bodies(election, items, client):
    table = LiveBlogUpdate._meta.db_table
    pattern = re.compile(rf'"{table}"\."body"')
    for url in (
        election.url,
        f"{election.url}?before={items[19]['id']}",
        f"{election.url}poll/?since=0",
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in queries if pattern.search(q["sql"])], url


def test_poll_route(election, items, client):
    version = current_version(election.pk)
    response = client.get(f"{election.url}poll/?since=0")
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["version"] == version
    assert body["meta"]["status"] == "live"
    assert body["deleted"] == []
    assert {i["id"] for i in body["items"]} == {i["id"] for i in items}

    editing.edit_update(
        election, items[0]["id"], user=editor(), headline="Exit poll corrected"
    )
    removed = items[1]["id"]
    editing.remove_update(election, removed, user=editor())

    body = client.get(f"{election.url}poll/?since={version}").json()
    assert body["meta"]["version"] == current_version(election.pk) > version
    assert [i["id"] for i in body["items"]] == [items[0]["id"]]
    assert "Exit poll corrected" in body["items"][0]["html"]
    assert body["deleted"] == [removed]

    bad = client.get(f"{election.url}poll/?since=abc")
    assert bad.status_code == 400
    assert bad.json()["parameter"] == "since"


def test_update_preview_uses_the_sites_template(election, items):
    draft_id = post(election, "Exit poll: draft", publish=False)
    draft = LiveBlogUpdate.objects.get(pk=draft_id).get_latest_revision_as_object()
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert response.template_name == "testapp/election_night_page.html"
    html = response.content.decode()
    assert '<p class="kicker">Results night</p>' in html
    assert ARTICLE.findall(html)[:2] == [draft_id, items[0]["id"]]
    assert 'id="liveblog-config"' not in html
