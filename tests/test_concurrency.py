"""Reporters posting at the same moment: every post succeeds, none is lost,
and the change feed reports each exactly once, in order.

On PostgreSQL the blog's timeline row lock orders the writers; on SQLite
(one writer at a time) each write transaction takes the write lock when it
begins and the others wait for it instead of failing "database is locked".
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from tests.factories import LiveBlogPageFactory, numbered_updates, publish
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogPage, LiveBlogUpdate
from wagtail_liveblog.reading import changes

REPORTERS = 20


def in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.settings_dict["NAME"]
    )


def run_at_once(count: int, work) -> tuple[list, list[BaseException]]:
    """Run ``work(n)`` in ``count`` threads released at the same moment."""
    barrier = threading.Barrier(count)
    results: list = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            result = work(n)
            with lock:
                results.append(result)
        except BaseException as error:  # reported by the test
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reporters_posting_at_once_all_succeed_and_are_reported_once():
    if in_memory_sqlite():
        pytest.skip(
            "needs a database in a file (the default; LIVEBLOG_TEST_DB) "
            "or PostgreSQL (DATABASE_URL)"
        )
    from wagtail.models import Site

    chief = get_user_model().objects.create_superuser(
        "chief", "chief@example.com", "pw"
    )
    home = Site.objects.get(is_default_site=True).root_page
    blog = publish(LiveBlogPageFactory(parent=home), numbered_updates(2), user=chief)
    stale = LiveBlogPage.objects.get(pk=blog.pk)  # every thread starts from this copy

    posted, errors = run_at_once(
        REPORTERS,
        lambda n: editing.post_update(
            stale,
            user=chief,
            headline=f"Reporter {n}",
            body=[{"type": "text", "value": f"<p>Dispatch {n}</p>"}],
        ),
    )

    assert not errors, errors
    assert len(set(posted)) == REPORTERS
    live = LiveBlogUpdate.objects.filter(blog_id=blog.pk, live=True)
    assert live.count() == REPORTERS + 2
    assert set(posted) <= {str(pk) for pk in live.values_list("pk", flat=True)}
    # Each post got a version of its own, so a client polling at any moment
    # saw each exactly once.
    versions = sorted(
        live.filter(pk__in=posted).values_list("changed_version", flat=True)
    )
    assert len(set(versions)) == REPORTERS
    found = changes.changes_after(blog.pk, min(versions) - 1, None, 100)
    assert sorted(str(u.id) for u in found.items) == sorted(posted)


def test_posts_in_sequence_from_one_stale_copy_all_survive(blog):
    """The serialized form of the race (any database)."""
    chief = get_user_model().objects.create_superuser(
        "chief", "chief@example.com", "pw"
    )
    blog = publish(blog, numbered_updates(2), user=chief)
    stale = LiveBlogPage.objects.get(pk=blog.pk)
    posted = [
        editing.post_update(stale, user=chief, headline=f"Reporter {n}")
        for n in range(REPORTERS)
    ]
    live = LiveBlogUpdate.objects.filter(blog_id=blog.pk, live=True)
    assert live.count() == REPORTERS + 2
    assert set(posted) <= {str(pk) for pk in live.values_list("pk", flat=True)}
