"""A Wagtail lock on an update holds on every route: the desk's row
actions, Wagtail's own unpublish and delete views, bulk actions (see
test_bulk_actions.py), the editing API and so both APIs and chat ingest."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import LiveBlogPageFactory, post, publish
from tests.roles import cast
from wagtail_liveblog import editing
from wagtail_liveblog.access import UpdateLocked
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog(home):
    return publish(LiveBlogPageFactory(parent=home, title="Blog A"))


@pytest.fixture
def people(blog, home):
    return cast(blog, publish(LiveBlogPageFactory(parent=home, title="Blog B")))


@pytest.fixture
def locked(blog, people):
    """A live update of blog A, locked by a colleague of ``editor_a``."""
    colleague = people["contributor_a"]
    update = LiveBlogUpdate.objects.get(pk=post(blog, "Locked by a colleague"))
    update.locked, update.locked_by = True, colleague
    update.save(update_fields=["locked", "locked_by"])
    return update


def url(name: str, *args) -> str:
    return reverse(f"wagtail_liveblog:{name}", args=args)


@pytest.mark.parametrize("view", ["unpublish", "delete"])
def test_wagtails_views_refuse_a_locked_update(client, people, locked, view):
    client.force_login(people["editor_a"])
    assert client.get(url(view, locked.pk)).status_code == 302  # "no permission"
    client.post(url(view, locked.pk))
    locked.refresh_from_db()
    assert locked.live


def test_the_desk_offers_no_unpublish_or_delete_for_a_locked_update(
    client, people, locked, blog
):
    client.force_login(people["editor_a"])
    html = client.get(reverse("wagtail_liveblog:desk", args=[blog.pk])).content.decode()
    assert url("unpublish", locked.pk) not in html
    assert url("delete", locked.pk) not in html


def test_the_editing_api_refuses_a_locked_update(people, locked, blog):
    for call in (
        lambda: editing.edit_update(
            blog, locked.pk, user=people["editor_a"], headline="Changed"
        ),
        lambda: editing.remove_update(blog, locked.pk, user=people["editor_a"]),
    ):
        with pytest.raises(UpdateLocked):
            call()
    locked.refresh_from_db()
    assert locked.live and locked.headline == "Locked by a colleague"


def test_the_lock_holder_and_an_unlocked_update_are_not_stopped(
    client, people, locked, blog
):
    client.force_login(people["editor_a"])
    locked.locked = False
    locked.save(update_fields=["locked"])
    client.post(url("unpublish", locked.pk))
    locked.refresh_from_db()
    assert not locked.live
