"""Who may do what with updates: the blog page's permissions decide
(``wagtail_liveblog.permissions``), registered the way each Wagtail
version asks for, and answered for one blog in the desk's views."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from tests.factories import LiveBlogPageFactory, editor, post, publish
from wagtail_liveblog.admin.scope import ScopedPolicy
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.permissions import (
    LiveBlogUpdatePermissionPolicy,
    permission_policy,
)

pytestmark = pytest.mark.django_db

ACTIONS = ("add", "change", "view", "delete", "publish", "unpublish", "lock", "unlock")


def make_user(username: str, group: str | None = None, **extra):
    user = get_user_model().objects.create_user(username, password="pw", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def live_blog(blog):
    return publish(blog)


@pytest.fixture
def live_update(live_blog):
    return LiveBlogUpdate.objects.get(pk=post(live_blog, "Live"))


@pytest.fixture
def draft(live_blog):
    return LiveBlogUpdate.objects.get(pk=post(live_blog, "Draft", publish=False))


def allowed(user, update) -> set[str]:
    return {
        action
        for action in ACTIONS
        if permission_policy.user_has_permission_for_instance(user, action, update)
    }


def test_publishers_of_the_page_may_do_everything(live_update, draft):
    moderator = make_user("moderator", "Moderators")
    assert allowed(moderator, live_update) == set(ACTIONS)
    assert allowed(moderator, draft) == set(ACTIONS)


def test_editors_of_the_page_write_drafts_only(live_update, draft):
    writer = make_user("writer", "Editors")
    # Readers have seen a published update: changing it needs publish rights.
    assert allowed(writer, live_update) == {"add", "view"}
    # A draft that never went out may be changed and deleted by whoever may edit.
    assert allowed(writer, draft) == {"add", "change", "view", "delete"}


def test_once_published_updates_need_publish_permission_to_change_or_delete(
    live_blog, live_update
):
    writer = make_user("writer", "Editors")
    live_update.unpublish()
    live_update.refresh_from_db()
    assert not live_update.live and live_update.first_published_at is not None
    assert allowed(writer, live_update) == {"add", "view"}


def test_without_page_permissions_nothing(live_update, draft):
    nobody = make_user("nobody")
    assert allowed(nobody, live_update) == set()
    assert allowed(nobody, draft) == set()
    assert not permission_policy.user_has_any_permission(nobody, ACTIONS)


def test_superusers_and_inactive_users(live_update):
    assert allowed(editor(), live_update) == set(ACTIONS)
    gone = make_user("gone", "Moderators", is_active=False)
    assert allowed(gone, live_update) == set()


def test_permissions_on_another_section_do_not_reach_this_blog(live_update, home):
    section = LiveBlogPageFactory(parent=home, title="Sport")
    group = Group.objects.create(name="Sport desk")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=section,
            permission=Permission.objects.get(codename=codename),
        )
    sporty = make_user("sporty")
    sporty.groups.add(group)
    assert allowed(sporty, live_update) == set()
    # "Anywhere" questions see the other section...
    assert permission_policy.user_has_permission(sporty, "publish")
    # ...the desk's views ask them for their own blog.
    assert not ScopedPolicy(live_update).user_has_permission(sporty, "publish")
    assert not ScopedPolicy(live_update).user_has_any_permission(sporty, ["change"])


def test_instances_a_user_may_edit(live_update, home):
    section = publish(LiveBlogPageFactory(parent=home, title="Sport"))
    goal = LiveBlogUpdate.objects.get(pk=post(section, "Goal"))
    group = Group.objects.create(name="Sport desk")
    GroupPagePermission.objects.create(
        group=group,
        page=section,
        permission=Permission.objects.get(codename="change_page"),
    )
    sporty = make_user("sporty")
    sporty.groups.add(group)
    draft = LiveBlogUpdate.objects.get(pk=post(section, "Half-time", publish=False))
    found = permission_policy.instances_user_has_any_permission_for(sporty, ["view"])
    assert set(found) == {goal, draft}
    # Edit-only rights change the drafts that never went out, not "Goal".
    for action in ("change", "delete"):
        found = permission_policy.instances_user_has_any_permission_for(
            sporty, [action]
        )
        assert list(found) == [draft]
    assert set(
        permission_policy.instances_user_has_any_permission_for(editor(), ["change"])
    ) == {goal, draft, live_update}
    assert not permission_policy.instances_user_has_any_permission_for(
        make_user("nobody"), ["change"]
    ).exists()


def test_users_with_permission_for_an_update(live_update):
    moderator = make_user("moderator", "Moderators")
    writer = make_user("writer", "Editors")
    publishers = permission_policy.users_with_any_permission_for_instance(
        ["publish"], live_update
    )
    assert moderator in publishers and writer not in publishers


def test_the_policy_is_the_one_wagtail_asks():
    from wagtail.hooks import search_for_hooks

    search_for_hooks()  # wagtail_hooks.py registers it
    try:
        from wagtail.permissions import policy_registry
    except ImportError:  # Wagtail 7.4: through the snippet viewset
        assert LiveBlogUpdate.snippet_viewset.permission_policy is permission_policy
    else:
        assert policy_registry.get_by_type(LiveBlogUpdate) is permission_policy
    assert isinstance(permission_policy, LiveBlogUpdatePermissionPolicy)


def test_the_model_refuses_to_publish_for_editors_only(live_blog):
    from wagtail_liveblog.models.update import PublishNotAllowed

    writer = make_user("writer", "Editors")
    update = LiveBlogUpdate.objects.get(pk=post(live_blog, "Draft", publish=False))
    revision = update.latest_revision
    with pytest.raises(PublishNotAllowed):
        revision.publish(user=writer)
    update.refresh_from_db()
    assert not update.live
