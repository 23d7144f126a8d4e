"""The Python editing API: post, edit, remove, coverage; permissions and locks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from tests.factories import make_image, numbered_updates, publish
from wagtail_liveblog import editing
from wagtail_liveblog.editing import PageLocked, UpdateLocked, UpdateNotFound
from wagtail_liveblog.models import LiveBlogPage, LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version
from wagtail_liveblog.reading import changes, queries

User = get_user_model()


@pytest.fixture
def chief(db):
    return User.objects.create_superuser(
        "chief", "chief@example.com", "pw", first_name="Ana", last_name="Reyes"
    )


def member(name: str, group: str):
    user = User.objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def live_blog(blog, chief):
    return publish(blog, numbered_updates(3), user=chief)


def fresh(page) -> LiveBlogPage:
    return LiveBlogPage.objects.get(pk=page.pk)


def row(update_id) -> LiveBlogUpdate:
    return LiveBlogUpdate.objects.get(pk=update_id)


def headlines(page) -> list[str]:
    return [update.headline for update in queries.latest(page.pk, 100)]


# -- post -----------------------------------------------------------------------


def test_post_publishes_at_once_on_page_and_in_the_feed(live_blog, chief, client):
    version = current_version(live_blog.pk)
    update_id = editing.post_update(
        live_blog,
        user=chief,
        headline="Levee breached at Elm Street",
        body=[
            {"type": "text", "value": "<p>Residents are told to leave.</p>"},
            {"type": "quote", "value": {"text": "Go now.", "attribution": "Mayor"}},
        ],
        key_event=True,
    )
    update = row(update_id)
    assert update.live and update.posted_at is not None
    assert update.byline == "Ana Reyes"  # the user, by name, by default
    assert [author.user for author in update.authors.all()] == [chief]
    assert update.changed_version == current_version(live_blog.pk) == version + 1
    assert headlines(live_blog)[0] == "Levee breached at Elm Street"
    html = client.get(live_blog.url).content.decode()
    assert f'id="update-{update_id}"' in html
    assert "Residents are told to leave." in html and "— Mayor" in html
    found = changes.changes_after(live_blog.pk, version, None, 10)
    assert [str(u.id) for u in found.items] == [update_id]
    assert update.data["key_event"] is True
    assert [block["type"] for block in update.data["body"]] == ["text", "quote"]


def test_a_post_makes_no_page_revision(live_blog, chief):
    before = Revision.objects.for_instance(live_blog).count()
    editing.post_update(live_blog, user=chief, headline="No page revision")
    assert Revision.objects.for_instance(live_blog).count() == before
    assert fresh(live_blog).latest_revision_id == live_blog.latest_revision_id


def test_post_image_with_credit(live_blog, chief, client):
    photo = make_image(title="Flooded road")
    update_id = editing.post_update(
        live_blog,
        user=chief,
        body=[
            {
                "type": "image",
                "value": {"image": photo.pk, "credit": "Reuters", "caption": "Elm St"},
            }
        ],
    )
    [image] = row(update_id).data["body"]
    assert image["value"]["credit"] == "Reuters"
    assert image["value"]["id"] == photo.pk
    assert "Credit: Reuters" in client.get(live_blog.url).content.decode()


def test_post_is_in_the_updates_history_as_the_user(live_blog, chief):
    update_id = editing.post_update(live_blog, user=chief, headline="Logged")
    update = row(update_id)
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(update.pk))
        .order_by("timestamp", "pk")
        .values_list("action", "user_id")
    )
    assert actions == [("wagtail.create", chief.pk), ("wagtail.publish", chief.pk)]
    assert update.live_revision.user == chief


def test_posted_at_backdates_into_place(live_blog, chief):
    when = numbered_updates(3)[1]["value"]["posted_at"]  # update 2's time
    late = timezone.datetime.fromisoformat(when) - timedelta(seconds=30)
    update_id = editing.post_update(
        live_blog, user=chief, headline="Late", posted_at=late
    )
    assert headlines(live_blog) == ["Update 3", "Update 2", "Late", "Update 1"]
    assert row(update_id).posted_at == late


def test_an_alias_posts_into_its_source(live_blog, chief, home):
    alias = live_blog.create_alias(parent=home, update_slug="storm-alias")
    update_id = editing.post_update(alias, user=chief, headline="Via the alias")
    assert row(update_id).blog_id == live_blog.pk


def test_posting_to_a_page_that_is_not_a_live_blog_is_refused(home, chief):
    with pytest.raises(ValidationError, match="not a live blog"):
        editing.post_update(home, user=chief, headline="Nope")


def test_cost_of_a_post_does_not_grow_with_the_blog(blog, chief):
    small = publish(blog, numbered_updates(3), user=chief)
    with CaptureQueriesContext(connection) as few:
        editing.post_update(small, user=chief, headline="Into a small blog")
    editing.import_updates(
        small, user=chief, updates=[{"headline": f"Bulk {n}"} for n in range(300)]
    )
    with CaptureQueriesContext(connection) as many:
        editing.post_update(small, user=chief, headline="Into a big blog")
    assert len(many.captured_queries) == len(few.captured_queries)


# -- edit and remove --------------------------------------------------------------


def test_edit_changes_one_update_and_stamps_updated_at(live_blog, chief):
    target = queries.latest(live_blog.pk, 3)[1]
    version = current_version(live_blog.pk)
    editing.edit_update(
        live_blog, target.id, user=chief, headline="Update 2, corrected", pinned=True
    )
    update = row(target.id)
    assert update.headline == "Update 2, corrected" and update.pinned
    assert update.updated_at is not None
    assert update.posted_at == target.posted_at
    assert update.changed_version == current_version(live_blog.pk) == version + 1
    assert [u.id for u in queries.pinned(live_blog.pk)] == [target.id]
    assert update.data["updated_at"] is not None


def test_pinning_is_not_an_edit_of_the_content(live_blog, chief):
    target = queries.latest(live_blog.pk, 1)[0]
    editing.edit_update(live_blog, target.id, user=chief, pinned=True)
    assert row(target.id).pinned and row(target.id).updated_at is None


def test_edit_replaces_the_body(live_blog, chief):
    target = queries.latest(live_blog.pk, 1)[0]
    editing.edit_update(
        live_blog,
        target.id,
        user=chief,
        body=[
            {"type": "quote", "value": {"text": "We rebuild.", "attribution": "Gov"}}
        ],
    )
    assert [b.block_type for b in row(target.id).body] == ["quote"]
    assert "We rebuild." in row(target.id).html


def test_edit_that_changes_nothing_writes_nothing(live_blog, chief):
    target = queries.latest(live_blog.pk, 1)[0]
    revisions = Revision.objects.for_instance(row(target.id)).count()
    version = current_version(live_blog.pk)
    editing.edit_update(live_blog, target.id, user=chief, headline=target.headline)
    assert Revision.objects.for_instance(row(target.id)).count() == revisions
    assert current_version(live_blog.pk) == version


def test_edit_of_a_published_update_keeps_a_colleagues_draft_unpublished(
    live_blog, chief
):
    target = row(queries.latest(live_blog.pk, 1)[0].id)
    draft = target.get_latest_revision_as_object()
    draft.headline = "DRAFT headline, not ready"
    draft.save_revision(user=chief)

    editing.edit_update(live_blog, target.id, user=chief, key_event=True)

    update = row(target.id)
    assert update.key_event and update.headline == "Update 3"  # published
    assert update.has_unpublished_changes
    latest = update.get_latest_revision_as_object()
    assert latest.headline == "DRAFT headline, not ready"  # the draft kept
    assert latest.key_event  # and got the change


def test_remove_takes_the_update_off_and_reports_it(live_blog, chief, client):
    target = queries.latest(live_blog.pk, 1)[0]
    version = current_version(live_blog.pk)
    editing.remove_update(live_blog, target.id, user=chief)
    assert not LiveBlogUpdate.objects.filter(pk=target.id).exists()
    assert "Update 3" not in client.get(live_blog.url).content.decode()
    found = changes.changes_after(live_blog.pk, version, None, 10)
    assert found.deleted == [target.id] and found.items == []
    assert ModelLogEntry.objects.filter(
        object_id=str(target.id), action="wagtail.delete", user=chief
    ).exists()


@pytest.mark.parametrize(
    "bad_id", ["3f1c1d2e-9a4b-4c7d-8e6f-0a1b2c3d4e5f", "not-a-uuid", None, 12]
)
def test_unknown_update_id(live_blog, chief, bad_id):
    for call in (
        lambda: editing.edit_update(live_blog, bad_id, user=chief, headline="x"),
        lambda: editing.remove_update(live_blog, bad_id, user=chief),
    ):
        with pytest.raises(UpdateNotFound) as caught:
            call()
        assert isinstance(caught.value, ValidationError)
        assert isinstance(caught.value, LookupError)
        assert "no update with the id" in caught.value.messages[0]


def test_an_update_of_another_blog_is_not_found(live_blog, chief, home):
    other = home.add_child(instance=LiveBlogPage(title="Other", slug="other"))
    foreign = editing.post_update(other, user=chief, headline="Elsewhere")
    with pytest.raises(UpdateNotFound):
        editing.edit_update(live_blog, foreign, user=chief, headline="Hijack")
    assert row(foreign).headline == "Elsewhere"


# -- permissions and locks -------------------------------------------------------


def test_editor_without_publish_permission_may_only_write_drafts(live_blog):
    editor = member("eddie", "Editors")
    assert live_blog.permissions_for_user(editor).can_edit()
    target = queries.latest(live_blog.pk, 1)[0]
    version = current_version(live_blog.pk)
    for call in (
        lambda: editing.post_update(live_blog, user=editor, headline="Scoop"),
        lambda: editing.post_update(
            live_blog,
            user=editor,
            headline="Later",
            publish=False,
            go_live_at=timezone.now() + timedelta(hours=1),
        ),
        lambda: editing.edit_update(live_blog, target.id, user=editor, headline="x"),
        lambda: editing.remove_update(live_blog, target.id, user=editor),
        lambda: editing.end_coverage(live_blog, user=editor),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert current_version(live_blog.pk) == version
    draft_id = editing.post_update(
        live_blog, user=editor, headline="Draft for review", publish=False
    )
    assert not row(draft_id).live
    editing.edit_update(live_blog, draft_id, user=editor, headline="Draft, better")
    assert row(draft_id).headline == "Draft, better" and not row(draft_id).live
    with pytest.raises(PermissionDenied):
        editing.edit_update(live_blog, draft_id, user=editor, publish=True)
    editing.remove_update(live_blog, draft_id, user=editor)  # never went out


def test_users_without_page_permissions_can_do_nothing(live_blog, db):
    nobody = User.objects.create_user("nobody", "n@example.com", "pw")
    with pytest.raises(PermissionDenied):
        editing.post_update(live_blog, user=nobody, headline="x", publish=False)
    with pytest.raises(PermissionDenied):
        editing.post_update(live_blog, user=None, headline="Anonymous")


def test_moderator_may_post(live_blog):
    moderator = member("mo", "Moderators")
    update_id = editing.post_update(live_blog, user=moderator, headline="Mod post")
    assert row(update_id).live and row(update_id).live_revision.user == moderator


def test_an_update_locked_by_someone_else_is_refused(live_blog, chief):
    moderator = member("mo", "Moderators")
    target = row(queries.latest(live_blog.pk, 1)[0].id)
    LiveBlogUpdate.objects.filter(pk=target.pk).update(
        locked=True, locked_by=chief, locked_at=timezone.now()
    )
    with pytest.raises(UpdateLocked):
        editing.edit_update(live_blog, target.pk, user=moderator, headline="Blocked")
    with pytest.raises(UpdateLocked):
        editing.remove_update(live_blog, target.pk, user=moderator)
    # The one who locked it can still edit it, and others can still post.
    editing.edit_update(live_blog, target.pk, user=chief, headline="Allowed")
    editing.post_update(live_blog, user=moderator, headline="New post")


def test_a_locked_page_stops_coverage_changes_not_posts(live_blog, chief):
    moderator = member("mo", "Moderators")
    LiveBlogPage.objects.filter(pk=live_blog.pk).update(
        locked=True, locked_by=chief, locked_at=timezone.now()
    )
    with pytest.raises(PageLocked):
        editing.end_coverage(live_blog, user=moderator)
    editing.post_update(live_blog, user=moderator, headline="Updates are not the page")


# -- coverage ---------------------------------------------------------------------


def test_start_and_end_coverage(live_blog, chief):
    editing.start_coverage(live_blog, user=chief)
    page = fresh(live_blog)
    assert page.status == "live" and page.coverage_start is not None
    started = page.coverage_start
    editing.end_coverage(live_blog, user=chief)
    page = fresh(live_blog)
    assert page.status == "ended"
    assert page.coverage_start == started  # ending never rewrites the start
    editing.start_coverage(live_blog, user=chief)
    page = fresh(live_blog)
    assert page.status == "live" and page.coverage_end is None
    assert page.coverage_start == started


def test_ending_coverage_leaves_an_empty_start_empty(live_blog, chief):
    editing.end_coverage(live_blog, user=chief)
    page = fresh(live_blog)
    assert page.coverage_start is None and page.status == "ended"


def test_coverage_change_keeps_a_draft_of_the_page_unpublished(live_blog, chief):
    draft = fresh(live_blog).get_latest_revision_as_object()
    draft.intro = "<p>DRAFT intro</p>"
    draft.save_revision(user=chief)
    editing.end_coverage(live_blog, user=chief)
    page = fresh(live_blog)
    assert page.status == "ended" and "DRAFT" not in page.intro
    latest = page.get_latest_revision_as_object()
    assert "DRAFT intro" in latest.intro and latest.coverage_end is not None


def test_coverage_of_a_taken_down_blog_is_refused(live_blog, chief):
    fresh(live_blog).unpublish()
    with pytest.raises(ValidationError, match="unpublished"):
        editing.start_coverage(live_blog, user=chief)
    assert not fresh(live_blog).live


# -- images and collections ----------------------------------------------------------


@pytest.fixture
def desk_reporter(blog):
    """Publishes the blog and may choose images in the "Desk" collection only."""
    from django.contrib.auth.models import Permission
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
    )

    group = Group.objects.create(name="Reporters")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=blog, permission=Permission.objects.get(codename=codename)
        )
    root = Collection.get_first_root_node()
    desk = root.add_child(name="Desk")
    GroupCollectionPermission.objects.create(
        group=group,
        collection=desk,
        permission=Permission.objects.get(codename="choose_image"),
    )
    user = User.objects.create_user("reporter", "r@example.com", "pw")
    user.groups.add(group)
    return user, desk, root.add_child(name="Archive")


def image_in(collection):
    picture = make_image()
    picture.collection = collection
    picture.save()
    return picture


def test_images_outside_the_users_collections_are_refused(blog, desk_reporter):
    reporter, desk, archive = desk_reporter
    secret = image_in(archive)
    body = [{"type": "image", "value": {"image": secret.pk, "credit": "AP"}}]
    with pytest.raises(ValidationError) as error:
        editing.post_update(blog, user=reporter, body=body)
    assert error.value.messages == [
        f"body › item 1 › image: You cannot use image {secret.pk}."
    ]
    allowed = image_in(desk)
    update_id = editing.post_update(
        blog,
        user=reporter,
        body=[{"type": "image", "value": {"image": allowed.pk, "credit": "AP"}}],
    )
    with pytest.raises(ValidationError) as error:
        editing.edit_update(blog, update_id, user=reporter, body=body)
    assert error.value.messages == [
        f"body › item 1 › image: You cannot use image {secret.pk}."
    ]


def test_an_image_already_in_the_update_may_stay_in_its_corrected_body(
    blog, desk_reporter, chief
):
    reporter, _desk, archive = desk_reporter
    secret = image_in(archive)
    body = [{"type": "image", "value": {"image": secret.pk, "credit": "AP"}}]
    update_id = editing.post_update(blog, user=chief, body=body)
    body[0]["value"]["credit"] = "Reuters"
    editing.edit_update(blog, update_id, user=reporter, body=body)
    assert row(update_id).body[0].value["credit"] == "Reuters"


def test_publish_true_publishes_a_pending_draft(live_blog, chief):
    target = row(queries.latest(live_blog.pk, 1)[0].id)
    draft = target.get_latest_revision_as_object()
    draft.headline = "Corrected in a draft"
    draft.save_revision(user=chief)
    editing.edit_update(live_blog, target.id, user=chief, publish=True)
    update = row(target.id)
    assert update.headline == "Corrected in a draft"
    assert not update.has_unpublished_changes


def test_publish_false_saves_a_correction_as_a_draft(live_blog, chief):
    target = row(queries.latest(live_blog.pk, 1)[0].id)
    editing.edit_update(
        live_blog, target.id, user=chief, headline="For review", publish=False
    )
    update = row(target.id)
    assert update.headline == "Update 3" and update.has_unpublished_changes
    assert update.get_latest_revision_as_object().headline == "For review"


@pytest.mark.parametrize("publish", [True, False])
def test_images_used_by_updates_are_in_wagtails_usage_index(live_blog, chief, publish):
    from wagtail.models import ReferenceIndex

    photo = make_image()
    update_id = editing.post_update(
        live_blog,
        user=chief,
        body=[{"type": "image", "value": {"image": photo.pk, "credit": "AP"}}],
        publish=publish,
    )
    usage = ReferenceIndex.get_grouped_references_to(photo)
    assert [str(obj.pk) for obj, _references in usage] == [update_id]
