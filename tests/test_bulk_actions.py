"""Wagtail's bulk actions on updates follow the package's rules: a user
only ever sees the updates of blogs they may edit, acts only on those they
may delete (locks included), and deletion goes through the editing API."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import LiveBlogPageFactory, post, publish
from tests.roles import cast
from wagtail_liveblog.models import LiveBlogTombstone, LiveBlogUpdate

pytestmark = pytest.mark.django_db

BULK_DELETE = reverse(
    "wagtail_bulk_action",
    args=("wagtail_liveblog", "liveblogupdate", "delete"),
)


@pytest.fixture
def blogs(home):
    a = publish(LiveBlogPageFactory(parent=home, title="Blog A"))
    b = publish(LiveBlogPageFactory(parent=home, title="Blog B"))
    return a, b


@pytest.fixture
def people(blogs):
    return cast(*blogs)


@pytest.fixture
def updates(blogs):
    a, b = blogs
    return {
        "a_live": post(a, "A live headline"),
        "a_draft": post(a, "A secret draft headline", publish=False),
        "b_live": post(b, "B live headline"),
        "b_draft": post(b, "B secret draft headline", publish=False),
    }


def listing(client, person, query: str) -> tuple[int, str]:
    client.force_login(person)
    response = client.get(f"{BULK_DELETE}?{query}")
    return response.status_code, response.content.decode()


def test_an_admin_user_without_page_permissions_lists_nothing(client, people, updates):
    status, html = listing(client, people["outsider"], "id=all")
    assert status == 404
    assert "secret" not in html and "headline" not in html


def test_an_editor_of_another_blog_sees_only_their_blogs_updates(
    client, people, updates
):
    status, html = listing(client, people["editor_b"], "id=all")
    assert status == 200
    assert "B live headline" in html and "B secret draft headline" in html
    assert "A live headline" not in html and "A secret draft headline" not in html
    # Asking for A's updates by id answers as for updates that do not exist.
    status, html = listing(
        client, people["editor_b"], f"id={updates['a_live']}&id={updates['a_draft']}"
    )
    assert status == 404 and "A secret" not in html


def test_a_contributor_may_delete_only_never_published_drafts(client, people, updates):
    status, html = listing(
        client,
        people["contributor_a"],
        f"id={updates['a_live']}&id={updates['a_draft']}",
    )
    assert status == 200
    response = client.post(
        f"{BULK_DELETE}?id={updates['a_live']}&id={updates['a_draft']}"
    )
    assert response.status_code == 302
    assert LiveBlogUpdate.objects.filter(pk=updates["a_live"]).exists()
    assert not LiveBlogUpdate.objects.filter(pk=updates["a_draft"]).exists()


def test_bulk_delete_goes_through_the_editing_api(client, people, updates, blogs):
    a, _b = blogs
    client.force_login(people["editor_a"])
    response = client.post(f"{BULK_DELETE}?id=all")
    assert response.status_code == 302
    assert not LiveBlogUpdate.objects.filter(blog=a).exists()
    # B's updates are out of reach.
    assert LiveBlogUpdate.objects.filter(pk=updates["b_live"]).exists()
    assert LiveBlogUpdate.objects.filter(pk=updates["b_draft"]).exists()
    # The live one left a tombstone for readers, and both a history entry
    # naming who deleted them.
    assert LiveBlogTombstone.objects.filter(update_id=updates["a_live"]).exists()
    deleted = ModelLogEntry.objects.filter(action="wagtail.delete")
    assert {entry.object_id for entry in deleted} == {
        updates["a_live"],
        updates["a_draft"],
    }
    assert {entry.user_id for entry in deleted} == {people["editor_a"].pk}


def test_a_lock_holds_against_bulk_delete(client, people, updates):
    locked = LiveBlogUpdate.objects.get(pk=updates["a_live"])
    locked.locked, locked.locked_by = True, people["contributor_a"]
    locked.save(update_fields=["locked", "locked_by"])
    client.force_login(people["editor_a"])
    client.post(f"{BULK_DELETE}?id={updates['a_live']}&id={updates['a_draft']}")
    assert LiveBlogUpdate.objects.filter(pk=updates["a_live"]).exists()
    assert not LiveBlogUpdate.objects.filter(pk=updates["a_draft"]).exists()
