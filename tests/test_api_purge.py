"""Frontend cache (CDN) purge of a live blog's API and poll URLs, when the
blog changes and when one of its updates does."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page

from tests.api_support import edit, remove, row, update_ids, version
from tests.factories import editor, numbered_updates, post, publish
from wagtail_liveblog import editing, frontend_cache

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
    """What a change to the blog page makes stale."""
    api = f"http://testserver/api/v2/liveblogs/{page.pk}/"
    return {
        "http://testserver/api/v2/liveblogs/",
        api,
        f"{api}updates/",
        f"{api}updates/?since={previous_version}",
        f"{page.get_full_url()}poll/",
        f"{page.get_full_url()}poll/?since={previous_version}",
    }


def update_urls(page, previous_version: int) -> set[str]:
    """What a change to an update makes stale: the page and its feed too."""
    page_url = page.get_full_url()
    return expected_urls(page, previous_version) | {page_url, f"{page_url}feed/"}


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(2))


# -- the blog page -------------------------------------------------------------


def test_publish_purges_after_commit(
    live_blog, recorder, django_capture_on_commit_callbacks
):
    previous = version(live_blog)
    recorder.clear()
    live_blog.summary = "<ul><li>The levee holds.</li></ul>"  # readers see it
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(live_blog)
    assert version(live_blog) == previous + 1
    # Nothing of ours before the commit (Wagtail purges the page URL itself).
    assert not expected_urls(live_blog, previous) & set(recorder)
    assert callbacks
    for callback in callbacks:
        callback()
    assert expected_urls(live_blog, previous) <= set(recorder)


def test_unpublish_purges(live_blog, recorder, django_capture_on_commit_callbacks):
    previous = version(live_blog)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        live_blog.unpublish()
    assert expected_urls(live_blog, previous) <= set(recorder)


def test_delete_purges_urls_worked_out_before_deletion(
    live_blog, recorder, django_capture_on_commit_callbacks
):
    urls = expected_urls(live_blog, version(live_blog))
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=live_blog.pk).delete()
    assert urls <= set(recorder)


def test_move_purges(live_blog, home, recorder, django_capture_on_commit_callbacks):
    previous = version(live_blog)
    section = home.add_child(instance=Page(title="News", slug="news"))
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=live_blog.pk).move(section, pos="last-child")
    live_blog.refresh_from_db()
    assert live_blog.get_full_url().endswith("/news/" + live_blog.slug + "/")
    assert expected_urls(live_blog, previous) <= set(recorder)


# -- its updates -----------------------------------------------------------------


def test_posting_an_update_purges_after_commit(
    live_blog, recorder, django_capture_on_commit_callbacks
):
    previous = version(live_blog)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(live_blog, "Breaking")
    assert not update_urls(live_blog, previous) & set(recorder)
    for callback in callbacks:
        callback()
    assert update_urls(live_blog, previous) <= set(recorder)


def test_editing_an_update_purges(
    live_blog, recorder, django_capture_on_commit_callbacks
):
    previous = version(live_blog)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edit(live_blog, update_ids(live_blog)[0], headline="Corrected")
    assert update_urls(live_blog, previous) <= set(recorder)


def test_unpublishing_an_update_purges(
    live_blog, recorder, django_capture_on_commit_callbacks
):
    update_id = update_ids(live_blog)[0]
    previous = version(live_blog)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        row(update_id).unpublish()
    assert update_urls(live_blog, previous) <= set(recorder)

    previous = version(live_blog)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        row(update_id).latest_revision.publish(user=editor())
    assert update_urls(live_blog, previous) <= set(recorder)


def test_deleting_an_update_purges(
    live_blog, recorder, django_capture_on_commit_callbacks
):
    previous = version(live_blog)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        remove(live_blog, update_ids(live_blog)[0])
    assert update_urls(live_blog, previous) <= set(recorder)


def test_scheduled_publish_and_expiry_purge(
    live_blog, recorder, django_capture_on_commit_callbacks
):
    from wagtail_liveblog.models import LiveBlogUpdate

    go_live_at = timezone.now() + timedelta(hours=1)
    post(live_blog, "Scheduled", go_live_at=go_live_at)
    previous = version(live_blog)
    recorder.clear()
    later = go_live_at + timedelta(minutes=1)
    with (
        mock.patch.object(timezone, "now", return_value=later),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled", verbosity=0)
    assert version(live_blog) == previous + 1
    assert update_urls(live_blog, previous) <= set(recorder)

    LiveBlogUpdate.objects.filter(pk=update_ids(live_blog)[-1]).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    previous = version(live_blog)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)
    assert version(live_blog) == previous + 1
    assert update_urls(live_blog, previous) <= set(recorder)


def test_importing_updates_purges(
    live_blog, recorder, django_capture_on_commit_callbacks
):
    previous = version(live_blog)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editing.import_updates(
            live_blog,
            user=editor(),
            updates=[{"headline": "Wire 1"}, {"headline": "Wire 2"}],
        )
    assert version(live_blog) == previous + 1
    assert update_urls(live_blog, previous) <= set(recorder)


def test_a_change_purges_the_aliases_too(
    live_blog, home, recorder, django_capture_on_commit_callbacks
):
    """An alias shows the blog's updates at its own URLs."""
    section = home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    alias = live_blog.create_alias(parent=section, update_slug="storm-alias")
    previous = version(live_blog)
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(live_blog, "Breaking")
    assert update_urls(live_blog, previous) <= set(recorder)
    assert update_urls(alias, previous) <= set(recorder)


# -- when not to purge ---------------------------------------------------------------


def test_nothing_without_a_frontend_cache(blog, django_capture_on_commit_callbacks):
    RecordingBackend.purged = []
    with override_settings(WAGTAILFRONTENDCACHE={}):
        with django_capture_on_commit_callbacks(execute=True):
            publish(blog, numbered_updates(2))
            post(blog, "Breaking")
            remove(blog, update_ids(blog)[0])
        assert frontend_cache.purge_liveblog(blog, 0) == []
    assert RecordingBackend.purged == []


def test_other_pages_are_left_alone(home, recorder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    assert not any("liveblogs" in url or "poll" in url for url in recorder)


def test_liveblog_urls_lists_each_url_once(live_blog):
    urls = frontend_cache.liveblog_urls(live_blog, 0)
    assert len(urls) == len(set(urls)) == 6
    assert set(urls) == expected_urls(live_blog, 0)
    with_page = frontend_cache.liveblog_urls(live_blog, 0, include_page=True)
    assert len(with_page) == len(set(with_page)) == 8
    assert set(with_page) == update_urls(live_blog, 0)


# -- privacy ------------------------------------------------------------------------


def test_restricting_a_section_purges_its_blogs(
    live_blog, recorder, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    from wagtail_liveblog.signals import liveblog_access_changed

    closed = []

    def receiver(sender, page_ids, **kwargs):
        closed.extend(page_ids)

    liveblog_access_changed.connect(receiver)
    try:
        section = live_blog.get_parent()
        recorder.clear()
        with django_capture_on_commit_callbacks(execute=True):
            restriction = PageViewRestriction.objects.create(
                page=section, restriction_type=PageViewRestriction.LOGIN
            )
        page_url = live_blog.get_full_url()
        assert {
            page_url,
            f"{page_url}feed/",
            f"{page_url}poll/",
            f"http://testserver/api/v2/liveblogs/{live_blog.pk}/",
            f"http://testserver/api/v2/liveblogs/{live_blog.pk}/updates/",
        } <= set(recorder)
        assert closed == [live_blog.pk]
        # Lifting it purges again (private answers may be cached too: no,
        # but a 404 may be).
        recorder.clear()
        with django_capture_on_commit_callbacks(execute=True):
            restriction.delete()
        assert f"{page_url}poll/" in recorder
        assert closed == [live_blog.pk, live_blog.pk]
    finally:
        liveblog_access_changed.disconnect(receiver)
