"""``editing.import_updates``: bulk loading a blog from another system."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Revision

from tests.factories import make_image, publish
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version
from wagtail_liveblog.reading import changes, queries

User = get_user_model()
START = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", "chief@example.com", "pw")


@pytest.fixture
def live_blog(blog, chief):
    return publish(blog, [], user=chief)


def items(count: int, with_times: bool = True) -> list[dict]:
    return [
        {
            "id": str(uuid.uuid4()),
            "headline": f"Wire {n}",
            "body": [{"type": "text", "value": f"<p>Item {n}</p>"}],
            **({"posted_at": START + timedelta(minutes=n)} if with_times else {}),
        }
        for n in range(count)
    ]


def test_import_keeps_the_given_ids_and_order(live_blog, chief, client):
    given = items(500)
    version = current_version(live_blog.pk)
    ids = editing.import_updates(live_blog, user=chief, updates=given)
    assert ids == [item["id"] for item in given]
    assert current_version(live_blog.pk) == version + 1  # one change for all
    newest_first = [str(u.id) for u in queries.latest(live_blog.pk, 1000)]
    assert newest_first == list(reversed(ids))
    # Every update is a published update like any other.
    update = LiveBlogUpdate.objects.get(pk=ids[10])
    assert update.live and update.live_revision and update.html and update.data
    assert update.live_revision.user == chief
    assert update.byline == "chief"  # the user who imports, by default
    assert update.posted_at == START + timedelta(minutes=10)
    found = changes.changes_after(live_blog.pk, version, None, 100)
    assert len(found.items) == 100 and found.next_cursor is not None
    assert f'id="update-{ids[-1]}"' in client.get(live_blog.url).content.decode()


def test_updates_without_times_keep_the_order_given(live_blog, chief):
    ids = editing.import_updates(live_blog, user=chief, updates=items(5, False))
    newest_first = [str(u.id) for u in queries.latest(live_blog.pk, 10)]
    assert newest_first == list(reversed(ids))


def test_imported_updates_can_be_edited_with_their_history(live_blog, chief):
    photo = make_image()
    [update_id] = editing.import_updates(
        live_blog,
        user=chief,
        updates=[
            {
                "headline": "With a picture",
                "body": [
                    {"type": "image", "value": {"image": photo.pk, "credit": "AP"}}
                ],
                "pinned": True,
            }
        ],
    )
    editing.edit_update(live_blog, update_id, user=chief, headline="Corrected")
    update = LiveBlogUpdate.objects.get(pk=update_id)
    assert update.headline == "Corrected" and update.updated_at is not None
    assert Revision.objects.for_instance(update).count() == 2
    assert [u.id for u in queries.pinned(live_blog.pk)] == [update.id]


@pytest.mark.parametrize(
    ("updates", "message"),
    [
        (
            [{"headline": "ok"}, {"headline": ""}],
            "Update 2: body: An update needs a headline",
        ),
        ([{"id": "nope", "headline": "x"}], "Update 1: id 'nope' is not a UUID."),
        ([{"headline": "x", "colour": "red"}], "Update 1: colour: Not a field"),
        (["just text"], "Update 1: an update is a dict of fields."),
        ("not a list", "updates must be a list of updates."),
    ],
)
def test_a_bad_item_names_itself_and_nothing_is_imported(
    live_blog, chief, updates, message
):
    with pytest.raises(ValidationError) as caught:
        editing.import_updates(live_blog, user=chief, updates=updates)
    assert any(message in text for text in caught.value.messages), caught.value.messages
    assert not LiveBlogUpdate.objects.filter(blog_id=live_blog.pk).exists()


def test_ids_may_not_repeat_or_exist_already(live_blog, chief):
    same = str(uuid.uuid4())
    with pytest.raises(ValidationError, match="given twice"):
        editing.import_updates(
            live_blog, user=chief, updates=[{"id": same, "headline": "a"}] * 2
        )
    editing.import_updates(
        live_blog, user=chief, updates=[{"id": same, "headline": "a"}]
    )
    with pytest.raises(ValidationError, match="already updates"):
        editing.import_updates(
            live_blog, user=chief, updates=[{"id": same, "headline": "b"}]
        )


def test_import_needs_publish_permission(live_blog):
    editor = User.objects.create_user("eddie", "e@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    with pytest.raises(PermissionDenied):
        editing.import_updates(live_blog, user=editor, updates=items(2))
    assert not LiveBlogUpdate.objects.exists()


def test_an_empty_import_changes_nothing(live_blog, chief):
    version = current_version(live_blog.pk)
    assert editing.import_updates(live_blog, user=chief, updates=[]) == []
    assert current_version(live_blog.pk) == version
