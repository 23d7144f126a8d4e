"""Revision retention: KEEP_REVISIONS bounds the revisions of a live blog, and
never removes one Wagtail still needs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Comment, Revision, TaskState

from tests.factories import numbered_updates, publish
from wagtail_liveblog import editing, timeline
from wagtail_liveblog.models import LiveBlogPage
from wagtail_liveblog.retention import prune_revisions


@pytest.fixture
def chief(db):
    return get_user_model().objects.create_superuser("chief", "chief@example.com", "pw")


@pytest.fixture(autouse=True)
def revisions_are_old(monkeypatch):
    """These tests publish in a burst; most check the count limit alone, so
    the 15-minute protection of recent revisions is switched off for them."""
    monkeypatch.setattr("wagtail_liveblog.retention.RECENT", timedelta(0))


def age(page, minutes: int) -> None:
    revisions(page).update(created_at=timezone.now() - timedelta(minutes=minutes))


def revisions(page):
    return Revision.objects.for_instance(page)


def fresh(page):
    return LiveBlogPage.objects.get(pk=page.pk)


@override_settings(WAGTAIL_LIVEBLOG={"KEEP_REVISIONS": 10})
def test_sixty_publishes_keep_ten_revisions(blog, chief):
    blog = publish(blog, numbered_updates(2), user=chief)
    for n in range(60):
        editing.post_update(blog, user=chief, headline=f"Post {n}")
    page = fresh(blog)
    kept = revisions(page)
    assert kept.count() == 10
    assert page.live_revision_id in set(kept.values_list("pk", flat=True))
    assert page.latest_revision_id in set(kept.values_list("pk", flat=True))
    # The newest ten are the ones kept; the blog itself lost nothing.
    newest = list(revisions(page).order_by("-created_at").values_list("pk", flat=True))
    assert sorted(kept.values_list("pk", flat=True)) == sorted(newest[:10])
    assert timeline.count(page.pk) == 62
    assert len(page.updates.raw_data) == 62


@override_settings(WAGTAIL_LIVEBLOG={"KEEP_REVISIONS": None})
def test_none_keeps_every_revision(blog, chief):
    blog = publish(blog, numbered_updates(1), user=chief)
    for n in range(12):
        editing.post_update(blog, user=chief, headline=f"Post {n}")
    assert revisions(blog).count() == 13


@override_settings(WAGTAIL_LIVEBLOG={"KEEP_REVISIONS": 3})
def test_revisions_wagtail_needs_survive(blog, chief):
    blog = publish(blog, numbered_updates(1), user=chief)
    page = fresh(blog)

    # A revision in a workflow (its task state points at it).
    page.get_workflow().start(page, chief)
    in_workflow = fresh(blog).latest_revision
    assert TaskState.objects.filter(revision=in_workflow).exists()

    # A revision a comment was made on.
    commented = fresh(blog).save_revision(user=chief)
    Comment.objects.create(
        page=fresh(blog),
        user=chief,
        text="Check the figures",
        contentpath="intro",
        revision_created=commented,
    )

    # Busy publishing on the desk (which cancels the workflow, as Wagtail
    # does on publish, but its task state still points at that revision).
    for n in range(6):
        editing.post_update(blog, user=chief, headline=f"Post {n}")

    # A revision scheduled to go live, then a run of drafts.
    scheduled = fresh(blog).save_revision(
        user=chief, approved_go_live_at=timezone.now() + timedelta(days=1)
    )
    for _ in range(6):
        fresh(blog).save_revision(user=chief)

    prune_revisions(fresh(blog))
    survivors = set(revisions(blog).values_list("pk", flat=True))
    page = fresh(blog)
    assert {
        in_workflow.pk,
        commented.pk,
        scheduled.pk,
        page.live_revision_id,
    } <= survivors
    # the newest three (drafts) plus the four protected ones
    assert len(survivors) == 3 + 4
    assert Comment.objects.filter(revision_created=commented).exists()
    assert TaskState.objects.filter(revision=in_workflow).exists()


def test_prune_deletes_only_old_unprotected_revisions(blog, chief):
    blog = publish(blog, numbered_updates(1), user=chief)
    for _ in range(5):
        fresh(blog).save_revision(user=chief)  # drafts, never published
    page = fresh(blog)
    assert (
        prune_revisions(page, keep=2) == 3
    )  # 6 revisions: newest 2 + the live one stay
    survivors = set(revisions(blog).values_list("pk", flat=True))
    assert page.live_revision_id in survivors and page.latest_revision_id in survivors
    assert len(survivors) == 3
    assert prune_revisions(page, keep=2) == 0


def test_revisions_of_the_last_quarter_hour_are_kept_as_bases_of_open_forms(
    blog, chief, monkeypatch
):
    monkeypatch.setattr("wagtail_liveblog.retention.RECENT", timedelta(minutes=15))
    blog = publish(blog, numbered_updates(1), user=chief)
    for _ in range(3):
        fresh(blog).save_revision(user=chief)
    age(blog, 20)  # four revisions from twenty minutes ago
    for _ in range(4):
        fresh(blog).save_revision(user=chief)  # four from just now
    assert prune_revisions(fresh(blog), keep=2) == 3  # only the old ones go
    survivors = revisions(blog)
    assert survivors.count() == 5  # the four recent ones and the live one
    assert fresh(blog).live_revision_id in set(survivors.values_list("pk", flat=True))


def test_recent_revisions_are_kept_up_to_four_times_the_limit(blog, chief, monkeypatch):
    monkeypatch.setattr("wagtail_liveblog.retention.RECENT", timedelta(minutes=15))
    blog = publish(blog, numbered_updates(1), user=chief)
    for _ in range(12):
        fresh(blog).save_revision(user=chief)
    prune_revisions(fresh(blog), keep=2)
    assert revisions(blog).count() == 2 * 4 + 1  # the newest eight and the live one
