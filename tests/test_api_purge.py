"""Frontend cache (CDN) purge of a live blog's API and poll URLs."""

from __future__ import annotations

import pytest
from django.test import override_settings
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page

from tests.factories import numbered_updates, publish
from wagtail_liveblog import frontend_cache

pytestmark = pytest.mark.django_db


class RecordingBackend(BaseBackend):
    """Remembers every purged URL (instances are made per purge)."""

    purged: list[str] = []

    def purge(self, url) -> None:
        RecordingBackend.purged.append(url)


CACHE = {"recorder": {"BACKEND": "tests.test_api_purge.RecordingBackend"}}


@pytest.fixture
def recorder():
    RecordingBackend.purged = []
    with override_settings(WAGTAILFRONTENDCACHE=CACHE):
        yield RecordingBackend.purged


def expected_urls(page, previous_version: int) -> set[str]:
    api = f"http://testserver/api/v2/liveblogs/{page.pk}/"
    return {
        "http://testserver/api/v2/liveblogs/",
        api,
        f"{api}updates/",
        f"{api}updates/?since={previous_version}",
        f"{page.get_full_url()}poll/",
        f"{page.get_full_url()}poll/?since={previous_version}",
    }


def test_publish_purges_after_commit(
    blog, recorder, django_capture_on_commit_callbacks
):
    publish(blog, numbered_updates(2))  # version 1
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(blog, numbered_updates(3))  # version 2
    # Nothing of ours before the commit (Wagtail purges the page URL itself).
    assert not expected_urls(blog, 1) & set(recorder)
    assert callbacks
    for callback in callbacks:
        callback()
    assert expected_urls(blog, 1) <= set(recorder)


def test_unpublish_purges(blog, recorder, django_capture_on_commit_callbacks):
    publish(blog, numbered_updates(2))
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        blog.unpublish()
    assert expected_urls(blog, 1) <= set(recorder)


def test_delete_purges_urls_worked_out_before_deletion(
    blog, recorder, django_capture_on_commit_callbacks
):
    publish(blog, numbered_updates(2))
    urls = expected_urls(blog, 1)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=blog.pk).delete()
    assert urls <= set(recorder)


def test_move_purges(blog, home, recorder, django_capture_on_commit_callbacks):
    publish(blog, numbered_updates(2))
    section = home.add_child(instance=Page(title="News", slug="news"))
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=blog.pk).move(section, pos="last-child")
    blog.refresh_from_db()
    assert blog.get_full_url().endswith("/news/" + blog.slug + "/")
    assert expected_urls(blog, 1) <= set(recorder)


def test_nothing_without_a_frontend_cache(blog, django_capture_on_commit_callbacks):
    RecordingBackend.purged = []
    with override_settings(WAGTAILFRONTENDCACHE={}):
        with django_capture_on_commit_callbacks(execute=True):
            publish(blog, numbered_updates(2))
        assert frontend_cache.purge_liveblog(blog, 0) == []
    assert RecordingBackend.purged == []


def test_other_pages_are_left_alone(home, recorder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    assert not any("liveblogs" in url or "poll" in url for url in recorder)


def test_liveblog_urls_lists_each_url_once(blog):
    publish(blog, numbered_updates(1))
    urls = frontend_cache.liveblog_urls(blog, 0)
    assert len(urls) == len(set(urls)) == 6
    assert set(urls) == expected_urls(blog, 0)
