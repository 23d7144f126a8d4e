"""Concurrent reporters: many posts into one blog at the same moment lose nothing."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from tests.factories import LiveBlogPageFactory, numbered_updates, publish
from wagtail_liveblog import editing, timeline
from wagtail_liveblog.models import LiveBlogPage

REPORTERS = 20


def _published_ids(page_id: int) -> list[str]:
    page = LiveBlogPage.objects.get(pk=page_id)
    return [item["id"] for item in page.updates.raw_data]


@pytest.mark.django_db(transaction=True)
def test_twenty_reporters_posting_at_once_lose_nothing():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL row locks (SQLite allows one writer); set DATABASE_URL"
        )
    from wagtail.models import Site

    chief = get_user_model().objects.create_superuser(
        "chief", "chief@example.com", "pw"
    )
    home = Site.objects.get(is_default_site=True).root_page
    blog = publish(LiveBlogPageFactory(parent=home), numbered_updates(2), user=chief)
    stale = LiveBlogPage.objects.get(pk=blog.pk)  # every thread starts from this copy

    barrier = threading.Barrier(REPORTERS)
    posted: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def reporter(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            update_id = editing.post_update(
                stale,
                user=chief,
                headline=f"Reporter {n}",
                body=[{"type": "text", "value": f"<p>Dispatch {n}</p>"}],
            )
            with lock:
                posted.append(update_id)
        except BaseException as error:  # reported below
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reporter, args=(n,)) for n in range(REPORTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert len(set(posted)) == REPORTERS
    published = _published_ids(blog.pk)
    assert Counter(published).most_common(1)[0][1] == 1  # no duplicates
    assert set(posted) <= set(published)
    assert len(published) == REPORTERS + 2
    entries = {str(entry.update_id) for entry in timeline.live_entries(blog.pk)}
    assert set(posted) <= entries and len(entries) == REPORTERS + 2
    headlines = {entry.headline for entry in timeline.live_entries(blog.pk)}
    assert {f"Reporter {n}" for n in range(REPORTERS)} <= headlines


def test_posts_in_sequence_from_one_stale_copy_all_survive(blog):
    """The serialized form of the race (any database): each post builds on
    the latest revision, not on the page object it was handed."""
    chief = get_user_model().objects.create_superuser(
        "chief", "chief@example.com", "pw"
    )
    blog = publish(blog, numbered_updates(2), user=chief)
    stale = LiveBlogPage.objects.get(pk=blog.pk)
    posted = [
        editing.post_update(stale, user=chief, headline=f"Reporter {n}")
        for n in range(REPORTERS)
    ]
    published = _published_ids(blog.pk)
    assert published[:REPORTERS] == list(reversed(posted))
    assert len(published) == len(set(published)) == REPORTERS + 2
    assert timeline.count(blog.pk) == REPORTERS + 2
