"""What the desk's non-browser tests share: users in the demo groups, the desk's
URLs, what the quick composer submits, and the newest update of a blog. Their
``live_blog`` / ``publisher`` / ``contributor`` fixtures are in ``conftest.py``;
the browser suite has its own ``tests/browser/desk_support.py``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from wagtail_liveblog.models import LiveBlogUpdate

# -- users ------------------------------------------------------------------------


def make_user(username: str, group: str | None = None, **extra):
    user = get_user_model().objects.create_user(
        username,
        f"{username}@example.com",
        "pw",
        first_name=extra.pop("first_name", username.title()),
        last_name=extra.pop("last_name", ""),
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def admin_only_user(username: str = "outsider"):
    """May use the admin, but has no page permissions at all."""
    user = make_user(username)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def client_for(client, user):
    client.force_login(user)
    return client


# -- URLs -------------------------------------------------------------------------


def desk_url(page, *, suffix: str = "") -> str:
    return reverse(f"wagtail_liveblog:desk{suffix}", args=[page.pk])


def url(name: str, *args) -> str:
    return reverse(f"wagtail_liveblog:{name}", args=args)


# -- the composer -----------------------------------------------------------------


def composer(
    headline: str = "",
    blocks: list | None = None,
    *,
    pinned: bool = False,
    key_event: bool = False,
    action: str | None = "publish",
) -> dict:
    """What the composer's form submits."""
    data = nested_form_data(
        {
            "composer": {
                "headline": headline,
                "body": streamfield(blocks or []),
            }
        }
    )
    if pinned:
        data["composer-pinned"] = "on"
    if key_event:
        data["composer-key_event"] = "on"
    if action:
        data["composer-action"] = action
    return data


def para(words: str):
    return ("text", rich_text(f"<p>{words}</p>"))


def newest(page) -> LiveBlogUpdate:
    return LiveBlogUpdate.objects.filter(blog_id=page.pk).latest("latest_revision_id")
