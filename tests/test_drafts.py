"""Drafts, scheduling, expiry and approval of single updates: Wagtail's own
machinery, applied to each update on its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Workflow

from tests.factories import numbered_updates, publish
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version
from wagtail_liveblog.reading import changes, queries

User = get_user_model()


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", "chief@example.com", "pw")


@pytest.fixture
def live_blog(blog, chief):
    return publish(blog, numbered_updates(2), user=chief)


def reader_sees(client, page, text: str) -> bool:
    html = client.get(page.url).content.decode()
    feed = client.get(f"{page.url}feed/").content.decode()
    poll = client.get(f"{page.url}poll/?since=0").content.decode()
    return any(text in body for body in (html, feed, poll))


def run_publish_scheduled(when):
    """``manage.py publish_scheduled`` as if run at ``when``."""
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=when):
        call_command("publish_scheduled", verbosity=0)


def test_a_draft_is_on_no_reader_route(live_blog, chief, client):
    version = current_version(live_blog.pk)
    draft_id = editing.post_update(
        live_blog, user=chief, headline="Unchecked rumour", publish=False
    )
    draft = LiveBlogUpdate.objects.get(pk=draft_id)
    assert not draft.live and draft.posted_at is None and draft.latest_revision
    assert current_version(live_blog.pk) == version  # readers saw no change
    assert not reader_sees(client, live_blog, "Unchecked rumour")
    assert "Unchecked rumour" not in [
        u.headline for u in queries.latest(live_blog.pk, 9)
    ]


def test_publishing_a_draft_stamps_it_at_that_moment(live_blog, chief, client):
    draft_id = editing.post_update(
        live_blog, user=chief, headline="Later", publish=False
    )
    editing.edit_update(live_blog, draft_id, user=chief, publish=True)
    update = LiveBlogUpdate.objects.get(pk=draft_id)
    assert update.live and update.posted_at is not None
    assert update.updated_at is None  # a first publish is not an edit
    assert reader_sees(client, live_blog, "Later")


def test_a_scheduled_update_goes_live_with_publish_scheduled(live_blog, chief, client):
    go_live = timezone.now() + timedelta(seconds=5)
    scheduled_id = editing.post_update(
        live_blog, user=chief, headline="Embargoed statement", go_live_at=go_live
    )
    update = LiveBlogUpdate.objects.get(pk=scheduled_id)
    assert not update.live and update.scheduled_revision is not None
    assert not reader_sees(client, live_blog, "Embargoed statement")
    version = current_version(live_blog.pk)

    run_publish_scheduled(timezone.now())  # too early: nothing happens
    assert not LiveBlogUpdate.objects.get(pk=scheduled_id).live

    run_publish_scheduled(go_live + timedelta(seconds=1))
    update = LiveBlogUpdate.objects.get(pk=scheduled_id)
    assert update.live and update.posted_at >= go_live
    found = changes.changes_after(live_blog.pk, version, None, 10)
    assert [str(u.id) for u in found.items] == [scheduled_id]
    assert reader_sees(client, live_blog, "Embargoed statement")


def test_an_expired_update_leaves_the_readers_view(live_blog, chief, client):
    target = queries.latest(live_blog.pk, 1)[0]
    update = LiveBlogUpdate.objects.get(pk=target.id)
    update.expire_at = timezone.now() + timedelta(minutes=1)
    update.save_revision(user=chief).publish(user=chief)
    version = current_version(live_blog.pk)

    run_publish_scheduled(timezone.now() + timedelta(minutes=2))

    update = LiveBlogUpdate.objects.get(pk=target.id)
    assert not update.live and update.expired
    found = changes.changes_after(live_blog.pk, version, None, 10)
    assert found.deleted == [target.id]
    assert not reader_sees(client, live_blog, target.headline)


def test_updates_go_through_the_blog_pages_workflow(live_blog, chief):
    """Wagtail's default "Moderators approval" workflow on the root page
    applies to every page, and so to the updates of every live blog."""
    editor = User.objects.create_user("eddie", "e@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = User.objects.create_user("mo", "m@example.com", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    workflow = Workflow.objects.get(name="Moderators approval")
    assert live_blog.get_workflow() == workflow

    draft_id = editing.post_update(
        live_blog, user=editor, headline="For approval", publish=False
    )
    update = LiveBlogUpdate.objects.get(pk=draft_id)
    assert update.get_workflow() == workflow
    state = workflow.start(update, editor)
    assert update.workflow_in_progress

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")

    update = LiveBlogUpdate.objects.get(pk=draft_id)
    assert update.live and update.live_revision.user in (editor, moderator)
    assert "For approval" in [u.headline for u in queries.latest(live_blog.pk, 9)]


def test_a_rejected_update_stays_off_the_page(live_blog, chief):
    editor = User.objects.create_user("eddie", "e@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = User.objects.create_user("mo", "m@example.com", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    draft_id = editing.post_update(
        live_blog, user=editor, headline="Weak", publish=False
    )
    update = LiveBlogUpdate.objects.get(pk=draft_id)
    state = update.get_workflow().start(update, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject")
    assert not LiveBlogUpdate.objects.get(pk=draft_id).live
    assert "Weak" not in [u.headline for u in queries.latest(live_blog.pk, 9)]
