"""The one change publisher: every change readers can see is announced
once it has committed (``liveblog_changed``), with the blog's new version
and what happened; drafts announce nothing; a failing receiver never fails
the write; a blog turning private or unpublished is announced to whoever
holds its streams (``liveblog_access_changed``)."""

from __future__ import annotations

import logging

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from tests.factories import editor, post, publish
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version
from wagtail_liveblog.signals import (
    BLOG_KEY_POINTS,
    BLOG_STATUS,
    UPDATE_CHANGED,
    UPDATE_PUBLISHED,
    UPDATE_REMOVED,
    ChangeEvent,
    liveblog_access_changed,
    liveblog_changed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """What ``liveblog_changed`` announced: (blog, version, previous, events)."""
    calls = []

    def receiver(sender, blog_id, version, previous_version, events, **kwargs):
        calls.append((blog_id, version, previous_version, list(events)))

    liveblog_changed.connect(receiver)
    yield calls
    liveblog_changed.disconnect(receiver)


@pytest.fixture
def live_blog(blog):
    return publish(blog)


def test_a_post_is_announced_after_commit_with_its_version(
    live_blog, heard, django_capture_on_commit_callbacks
):
    before = current_version(live_blog.pk)
    heard.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        update_id = post(live_blog, "Levee breached")
    assert heard == []  # never inside the write transaction
    for callback in callbacks:
        callback()
    assert heard == [
        (
            live_blog.pk,
            before + 1,
            before,
            [ChangeEvent(UPDATE_PUBLISHED, LiveBlogUpdate.objects.get().pk)],
        )
    ]
    assert str(heard[0][3][0].update_id) == update_id


def test_drafts_announce_nothing(live_blog, heard, django_capture_on_commit_callbacks):
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(live_blog, "Not yet", publish=False)
    assert heard == []


def test_a_rolled_back_write_announces_nothing(live_blog, heard):
    heard.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        post(live_blog, "Never")
        raise RuntimeError
    assert heard == []


def events_of(heard) -> list[str]:
    return [event.type for *_, events in heard for event in events]


def test_every_visible_change_is_announced(
    live_blog, heard, django_capture_on_commit_callbacks
):
    chief = editor()
    with django_capture_on_commit_callbacks(execute=True):
        update_id = post(live_blog, "First")
    heard.clear()
    steps = [
        (
            lambda: editing.edit_update(
                live_blog, update_id, user=chief, headline="Edited"
            ),
            UPDATE_CHANGED,
        ),
        (
            lambda: editing.edit_update(live_blog, update_id, user=chief, pinned=True),
            UPDATE_CHANGED,
        ),
        (
            lambda: editing.edit_update(
                live_blog, update_id, user=chief, key_event=True
            ),
            UPDATE_CHANGED,
        ),
        (
            lambda: LiveBlogUpdate.objects.get(pk=update_id).unpublish(user=chief),
            UPDATE_REMOVED,
        ),
        (
            lambda: editing.edit_update(live_blog, update_id, user=chief, publish=True),
            UPDATE_PUBLISHED,
        ),
        (
            lambda: editing.remove_update(live_blog, update_id, user=chief),
            UPDATE_REMOVED,
        ),
        (
            lambda: editing.update_key_points(
                live_blog, user=chief, summary="<ul><li>Key</li></ul>"
            ),
            BLOG_KEY_POINTS,
        ),
        (lambda: editing.end_coverage(live_blog, user=chief), BLOG_STATUS),
    ]
    for step, expected in steps:
        before = current_version(live_blog.pk)
        heard.clear()
        with django_capture_on_commit_callbacks(execute=True):
            step()
        assert events_of(heard) == [expected]
        assert heard[0][1:3] == (before + 1, before)


def test_an_import_is_one_version(live_blog, heard, django_capture_on_commit_callbacks):
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ids = editing.import_updates(
            live_blog,
            user=editor(),
            updates=[{"headline": f"Old {n}"} for n in range(3)],
        )
    [(_blog, _version, _previous, events)] = heard
    assert [str(event.update_id) for event in events] == ids
    assert {event.type for event in events} == {UPDATE_PUBLISHED}


def test_a_failing_receiver_never_fails_the_post(
    live_blog, caplog, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise ConnectionError("push proxy down")

    liveblog_changed.connect(broken)
    try:
        with (
            caplog.at_level(logging.ERROR),
            django_capture_on_commit_callbacks(execute=True),
        ):
            update_id = post(live_blog, "Still posted")
    finally:
        liveblog_changed.disconnect(broken)
    assert LiveBlogUpdate.objects.get(pk=update_id).live
    assert "push proxy down" in caplog.text


def test_privacy_and_unpublishing_close_the_blogs_streams(
    live_blog, django_capture_on_commit_callbacks
):
    closed = []

    def receiver(sender, page_ids, **kwargs):
        closed.append(list(page_ids))

    liveblog_access_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            PageViewRestriction.objects.create(
                page=live_blog, restriction_type=PageViewRestriction.LOGIN
            )
        with django_capture_on_commit_callbacks(execute=True):
            live_blog.unpublish()
    finally:
        liveblog_access_changed.disconnect(receiver)
    assert closed == [[live_blog.pk], [live_blog.pk]]
