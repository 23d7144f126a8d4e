"""The people of the access tests: two blogs, A and B, and who may do what.

- ``editor_a``: may publish on blog A only (a group with add, change and
  publish on A);
- ``contributor_a``: may edit A only (drafts);
- ``editor_b``: may publish on blog B only;
- ``outsider``: may use the admin, no page permissions at all;
- the superuser from ``tests.factories.editor``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

PUBLISH = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
EDIT = ("add_page", "change_page")


def user(username: str, *, admin: bool = True, **fields):
    person = get_user_model().objects.create_user(
        username, f"{username}@example.com", "pw", first_name=username.title(), **fields
    )
    if admin:
        person.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return person


def grant(person, page, codenames, group_name: str | None = None):
    """Give ``person`` these page permissions on ``page`` through a group."""
    group = Group.objects.create(name=group_name or f"{person.username} on {page.pk}")
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )
    person.groups.add(group)
    return person


def cast(blog_a, blog_b) -> dict:
    """The users above, made for blogs ``blog_a`` and ``blog_b``."""
    return {
        "editor_a": grant(user("edna"), blog_a, PUBLISH),
        "contributor_a": grant(user("carl"), blog_a, EDIT),
        "editor_b": grant(user("bea"), blog_b, PUBLISH),
        "outsider": user("otto"),
    }
